package dev.onyx.ops.linalg;

import dev.onyx.InvalidModelException;
import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.kernel.Sgemm;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.Buffers;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.List;

/**
 * ONNX Gemm (opsets 1, 6, 7, 9, 11, 13): Y = alpha * op(A) * op(B) + beta * C, C broadcast to [M, N]
 * (only with broadcast=1 before opset 7; optional from opset 11). C is ignored when beta is 0.
 */
public final class Gemm implements Op {
    private final int opset;
    private final float alpha;
    private final float beta;
    private final boolean transA;
    private final boolean transB;
    /** Before opset 7: whether C may be broadcast; always true from opset 7. */
    private final boolean broadcastC;
    /** B when it is a float32 constant (an initializer), packed once for the GEMM kernel; nulls otherwise. */
    private final Tensor constantB;
    private final Sgemm.PackedB packedB;

    private Gemm(int opset, float alpha, float beta, boolean transA, boolean transB, boolean broadcastC,
                 Tensor constantB, Sgemm.PackedB packedB) {
        this.opset = opset;
        this.constantB = constantB;
        this.packedB = packedB;
        this.alpha = alpha;
        this.beta = beta;
        this.transA = transA;
        this.transB = transB;
        this.broadcastC = broadcastC;
    }

    public static Op create(NodeContext ctx) {
        int opset = ctx.opset();
        ctx.expectInputs(opset < 11 ? 3 : 2, 3);
        var at = ctx.attrs();
        float alpha = at.getFloat("alpha", 1f);
        float beta = at.getFloat("beta", 1f);
        boolean transA = flag(ctx, "transA");
        boolean transB = flag(ctx, "transB");
        boolean broadcast = true;
        if (opset < 7) broadcast = flag(ctx, "broadcast");
        Tensor b = ctx.constantInput(1);
        Sgemm.PackedB packed = null;
        if (b != null && b.dtype() == DType.FLOAT && b.rank() == 2 && b.size() > 0) {
            int k = b.dim(transB ? 1 : 0), n = b.dim(transB ? 0 : 1);
            packed = Sgemm.pack(transB, k, n, (float[]) b.storage(), 0, b.dim(1));
        }
        return new Gemm(opset, alpha, beta, transA, transB, broadcast, packed == null ? null : b, packed);
    }

    private static boolean flag(NodeContext ctx, String name) {
        long v = ctx.attrs().getInt(name, 0);
        if (v != 0 && v != 1) throw ctx.invalid("attribute '" + name + "': expected 0 or 1, got " + v);
        return v != 0;
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        Fact a = inputs.get(0), b = inputs.get(1);
        Fact c = inputs.size() > 2 ? inputs.get(2) : null;
        DType t = LinalgTypes.checkFacts("Gemm", opset, a.dtype(), b.dtype());
        if (c != null && c.dtype() != null && t != null && c.dtype() != t) {
            throw new InvalidModelException("Gemm: C must have the type of A (" + t + "), got " + c.dtype());
        }
        if (t == null && c != null) t = c.dtype();
        checkRank2("A", a.dims());
        checkRank2("B", b.dims());
        Dim m = a.dims() == null ? Dim.UNKNOWN : a.dims().get(transA ? 1 : 0);
        Dim ka = a.dims() == null ? Dim.UNKNOWN : a.dims().get(transA ? 0 : 1);
        Dim kb = b.dims() == null ? Dim.UNKNOWN : b.dims().get(transB ? 1 : 0);
        Dim n = b.dims() == null ? Dim.UNKNOWN : b.dims().get(transB ? 0 : 1);
        if (ka.isKnown() && kb.isKnown() && ka.value() != kb.value()) {
            throw new InvalidModelException("Gemm: op(A) is [" + m + "," + ka + "] but op(B) is [" + kb + "," + n + "]");
        }
        if (c != null && c.dims() != null) {
            List<Dim> cd = c.dims();
            if (cd.size() > 2) throw new InvalidModelException("Gemm: C must have rank <= 2, got " + c.describe());
            Dim[] target = {m, n};
            for (int i = 0; i < cd.size(); i++) {
                Dim d = cd.get(i), want = target[2 - cd.size() + i];
                if (d.isKnown() && want.isKnown() && d.value() != want.value()
                        && (d.value() != 1 || !broadcastC)) {
                    throw new InvalidModelException("Gemm: C " + c.describe() + " does not broadcast to [" + m + "," + n + "]");
                }
            }
        }
        return List.of(Fact.of(t, List.of(m, n)));
    }

    private static void checkRank2(String name, List<Dim> dims) {
        if (dims != null && dims.size() != 2) {
            throw new InvalidModelException("Gemm: " + name + " must have rank 2, got rank " + dims.size());
        }
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor a = inputs.get(0), b = inputs.get(1);
        Tensor c = inputs.size() > 2 ? inputs.get(2) : null;
        DType t = LinalgTypes.check("Gemm", opset, a.dtype(), b.dtype());
        if (a.rank() != 2 || b.rank() != 2) {
            throw new IllegalArgumentException("Gemm: A and B must have rank 2, got shapes "
                    + Shapes.toString(a.shape()) + " and " + Shapes.toString(b.shape()));
        }
        int m = a.dim(transA ? 1 : 0), k = a.dim(transA ? 0 : 1);
        int kb = b.dim(transB ? 1 : 0), n = b.dim(transB ? 0 : 1);
        if (k != kb) {
            throw new IllegalArgumentException("Gemm: op(A) is [" + m + "," + k + "] (A " + Shapes.toString(a.shape())
                    + ", transA=" + (transA ? 1 : 0) + ") but op(B) is [" + kb + "," + n + "] (B "
                    + Shapes.toString(b.shape()) + ", transB=" + (transB ? 1 : 0) + ")");
        }
        Shapes.size(new int[] {m, n});
        boolean useC = c != null && beta != 0f;
        if (c != null) {
            if (c.dtype() != t) {
                throw new IllegalArgumentException("Gemm: C must have the type of A (" + t + "), got " + c.dtype());
            }
            checkC(c.shape(), m, n);
        }
        int[] shape = {m, n};
        Object cm = useC ? broadcastC(c, m, n) : null;
        switch (t) {
            case FLOAT -> {
                float[] y = cm != null ? (float[]) cm : Buffers.floats(m * n);
                if (b == constantB) {
                    Sgemm.parallel(transA, m, alpha, (float[]) a.storage(), 0, Math.max(transA ? m : k, 1), packedB,
                            useC ? beta : 0f, y, 0, Math.max(n, 1));
                } else {
                    sgemm(m, n, k, (float[]) a.storage(), (float[]) b.storage(), useC ? beta : 0f, y);
                }
                return List.of(Tensor.wrap(t, shape, y));
            }
            case FLOAT16, BFLOAT16 -> {
                float[] y = cm != null ? MatrixKernels.widen(Tensor.wrap(t, shape, cm)) : new float[m * n];
                sgemm(m, n, k, MatrixKernels.widen(a), MatrixKernels.widen(b), useC ? beta : 0f, y);
                return List.of(Tensor.wrap(t, shape, MatrixKernels.narrow(y, t)));
            }
            case DOUBLE -> {
                double[] y = cm != null ? (double[]) cm : Buffers.doubles(m * n);
                MatrixKernels.dgemm(transA, transB, m, n, k, alpha, (double[]) a.storage(), 0,
                        (double[]) b.storage(), 0, useC ? beta : 0.0, y, 0);
                return List.of(Tensor.wrap(t, shape, y));
            }
            case INT64, UINT64 -> {
                long[] p = new long[m * n];
                MatrixKernels.lgemm(transA, transB, m, n, k, (long[]) a.storage(), 0, (long[]) b.storage(), 0, p, 0);
                long[] cl = (long[]) cm;
                boolean unsigned = t == DType.UINT64;
                for (int i = 0; i < p.length; i++) {
                    if (alpha == 1f && (cl == null || beta == 1f)) {
                        p[i] = cl == null ? p[i] : p[i] + cl[i];
                    } else {
                        double v = alpha * toDouble(p[i], unsigned) + (cl == null ? 0 : beta * toDouble(cl[i], unsigned));
                        p[i] = unsigned ? toUnsignedLong(v) : (long) v;
                    }
                }
                return List.of(Tensor.wrap(t, shape, p));
            }
            case INT32, UINT32 -> {
                int[] p = new int[m * n];
                MatrixKernels.igemm(transA, transB, m, n, k, (int[]) a.storage(), 0, (int[]) b.storage(), 0, p, 0);
                int[] ci = (int[]) cm;
                boolean unsigned = t == DType.UINT32;
                for (int i = 0; i < p.length; i++) {
                    if (alpha == 1f && (ci == null || beta == 1f)) {
                        p[i] = ci == null ? p[i] : p[i] + ci[i];
                    } else {
                        double v = alpha * (unsigned ? Integer.toUnsignedLong(p[i]) : p[i])
                                + (ci == null ? 0 : beta * (double) (unsigned ? Integer.toUnsignedLong(ci[i]) : ci[i]));
                        p[i] = (int) (long) v;
                    }
                }
                return List.of(Tensor.wrap(t, shape, p));
            }
            default -> throw new IllegalArgumentException("Gemm does not support " + t);
        }
    }

    private static double toDouble(long v, boolean unsigned) {
        return unsigned ? Tensor.unsignedLongToDouble(v) : v;
    }

    private static long toUnsignedLong(double v) {
        if (v >= 0x1p63) return (long) (v - 0x1p63) ^ Long.MIN_VALUE;
        return (long) v;
    }

    private void sgemm(int m, int n, int k, float[] a, float[] b, float betaY, float[] y) {
        int lda = transA ? m : k, ldb = transB ? k : n;
        Sgemm.parallel(transA, transB, m, n, k, alpha, a, 0, Math.max(lda, 1), b, 0, Math.max(ldb, 1),
                betaY, y, 0, Math.max(n, 1));
    }

    private void checkC(int[] cs, int m, int n) {
        boolean ok;
        if (!broadcastC) {
            ok = cs.length == 2 && cs[0] == m && cs[1] == n;
        } else {
            ok = cs.length <= 2;
            int[] target = {m, n};
            for (int i = 0; ok && i < cs.length; i++) {
                int d = cs[i], want = target[2 - cs.length + i];
                ok = d == want || d == 1;
            }
        }
        if (!ok) {
            throw new IllegalArgumentException("Gemm: C " + Shapes.toString(cs) + " does not "
                    + (broadcastC ? "broadcast to " : "match (broadcast=0) ") + "[" + m + ", " + n + "]");
        }
    }

    /** C's values laid out as a fresh m x n array of its storage type. */
    private static Object broadcastC(Tensor c, int m, int n) {
        int[] cs = c.shape();
        int rows = cs.length == 2 ? cs[0] : 1;
        int cols = cs.length >= 1 ? cs[cs.length - 1] : 1;
        Object src = c.storage();
        Object dst = Buffers.allocate(c.dtype(), m * n);
        for (int i = 0; i < m; i++) {
            int srcRow = (rows == 1 ? 0 : i) * cols;
            if (cols == n) {
                System.arraycopy(src, srcRow, dst, i * n, n);
            } else {
                for (int j = 0; j < n; j++) System.arraycopy(src, srcRow, dst, i * n + j, 1);
            }
        }
        return dst;
    }
}
