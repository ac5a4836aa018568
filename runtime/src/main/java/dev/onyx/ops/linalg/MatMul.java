package dev.onyx.ops.linalg;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.kernel.Sgemm;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;

import java.util.List;

/** ONNX MatMul (opsets 1, 9, 13): numpy.matmul with 1-D promotion and broadcast batch axes. */
public final class MatMul implements Op {
    private final int opset;
    /** B when it is a 2-D float32 constant (an initializer), packed once for the GEMM kernel; nulls otherwise. */
    private final Tensor constantB;
    private final Sgemm.PackedB packedB;

    private MatMul(int opset, Tensor constantB, Sgemm.PackedB packedB) {
        this.opset = opset;
        this.constantB = constantB;
        this.packedB = packedB;
    }

    public static Op create(NodeContext ctx) {
        ctx.expectInputs(2, 2);
        Tensor b = ctx.constantInput(1);
        Sgemm.PackedB packed = null;
        if (b != null && b.dtype() == DType.FLOAT && b.rank() == 2 && b.size() > 0) {
            packed = Sgemm.pack(false, b.dim(0), b.dim(1), (float[]) b.storage(), 0, b.dim(1));
        }
        return new MatMul(ctx.opset(), packed == null ? null : b, packed);
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        Fact a = inputs.get(0), b = inputs.get(1);
        DType t = LinalgTypes.checkFacts("MatMul", opset, a.dtype(), b.dtype());
        List<Dim> dims = MatMulShape.infer(a.dims(), b.dims());
        return List.of(Fact.of(t, dims));
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor a = inputs.get(0), b = inputs.get(1);
        DType t = LinalgTypes.check("MatMul", opset, a.dtype(), b.dtype());
        MatMulShape s = MatMulShape.of(a.shape(), b.shape());
        if (b == constantB && t == DType.FLOAT && s.k() == packedB.k() && s.n() == packedB.n()) {
            float[] y = dev.onyx.tensor.Buffers.floats(s.batch() * s.m() * s.n());
            sgemmBatched((float[]) a.storage(), packedB, y, s);
            return List.of(Tensor.wrap(t, s.outShape(), y));
        }
        return List.of(multiply(t, a.storage(), b.storage(), s));
    }

    /** The batched product of two arrays of the same storage type laid out as described by the shape plan. */
    static Tensor multiply(DType t, Object a, Object b, MatMulShape s) {
        int m = s.m(), n = s.n(), k = s.k();
        int size = s.batch() * m * n;
        switch (t) {
            case FLOAT -> {
                float[] y = dev.onyx.tensor.Buffers.floats(size);
                sgemmBatched((float[]) a, (float[]) b, y, s);
                return Tensor.wrap(t, s.outShape(), y);
            }
            case FLOAT16, BFLOAT16 -> {
                float[] y = new float[size];
                sgemmBatched(MatrixKernels.widen(Tensor.wrap(t, new int[] {((short[]) a).length}, a)),
                        MatrixKernels.widen(Tensor.wrap(t, new int[] {((short[]) b).length}, b)), y, s);
                return Tensor.wrap(t, s.outShape(), MatrixKernels.narrow(y, t));
            }
            case DOUBLE -> {
                double[] y = dev.onyx.tensor.Buffers.doubles(size);
                for (int i = 0; i < s.batch(); i++) {
                    MatrixKernels.dgemm(false, false, m, n, k, 1.0, (double[]) a, s.aOffsets()[i],
                            (double[]) b, s.bOffsets()[i], 0.0, y, i * m * n);
                }
                return Tensor.wrap(t, s.outShape(), y);
            }
            case INT64, UINT64 -> {
                long[] y = new long[size];
                for (int i = 0; i < s.batch(); i++) {
                    MatrixKernels.lgemm(false, false, m, n, k, (long[]) a, s.aOffsets()[i],
                            (long[]) b, s.bOffsets()[i], y, i * m * n);
                }
                return Tensor.wrap(t, s.outShape(), y);
            }
            case INT32, UINT32 -> {
                int[] y = new int[size];
                for (int i = 0; i < s.batch(); i++) {
                    MatrixKernels.igemm(false, false, m, n, k, (int[]) a, s.aOffsets()[i],
                            (int[]) b, s.bOffsets()[i], y, i * m * n);
                }
                return Tensor.wrap(t, s.outShape(), y);
            }
            default -> throw new IllegalArgumentException("MatMul does not support " + t);
        }
    }

    /** The batched product with the one 2-D B, pre-packed: the same bits as with B as stored. */
    private static void sgemmBatched(float[] a, Sgemm.PackedB b, float[] y, MatMulShape s) {
        int m = s.m(), n = s.n(), k = s.k();
        if (s.foldsIntoOneGemm()) {
            Sgemm.parallel(false, s.batch() * m, 1f, a, 0, Math.max(k, 1), b, 0f, y, 0, Math.max(n, 1));
            return;
        }
        for (int i = 0; i < s.batch(); i++) {
            Sgemm.parallel(false, m, 1f, a, s.aOffsets()[i], Math.max(k, 1), b, 0f, y, i * m * n, Math.max(n, 1));
        }
    }

    private static void sgemmBatched(float[] a, float[] b, float[] y, MatMulShape s) {
        int m = s.m(), n = s.n(), k = s.k();
        if (s.foldsIntoOneGemm()) {
            Sgemm.parallel(false, false, s.batch() * m, n, k, 1f, a, 0, Math.max(k, 1), b, 0, Math.max(n, 1),
                    0f, y, 0, Math.max(n, 1));
            return;
        }
        for (int i = 0; i < s.batch(); i++) {
            Sgemm.parallel(false, false, m, n, k, 1f, a, s.aOffsets()[i], Math.max(k, 1), b, s.bOffsets()[i],
                    Math.max(n, 1), 0f, y, i * m * n, Math.max(n, 1));
        }
    }
}
