package dev.onyx.ops.linalg;

import dev.onyx.InvalidModelException;
import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.Arrays;
import java.util.List;

/**
 * ONNX MatMulInteger (opset 10): (A - a_zero_point) x (B - b_zero_point) as numpy.matmul on int8/uint8
 * operands, accumulated in int32. Zero points are scalars, per row of A ([M] or [..., M, 1]) or per
 * column of B ([N] or [..., 1, N]).
 */
public final class MatMulInteger implements Op {
    private MatMulInteger() {}

    public static Op create(NodeContext ctx) {
        ctx.expectInputs(2, 4);
        return new MatMulInteger();
    }

    private static boolean isByte(DType t) { return t == DType.INT8 || t == DType.UINT8; }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        String[] names = {"A", "B", "a_zero_point", "b_zero_point"};
        for (int i = 0; i < inputs.size() && i < 4; i++) {
            Fact f = inputs.get(i);
            if (f != null && f.dtype() != null && !isByte(f.dtype())) {
                throw new InvalidModelException("MatMulInteger: " + names[i] + " must be int8 or uint8, got " + f.dtype());
            }
        }
        return List.of(Fact.of(DType.INT32, MatMulShape.infer(inputs.get(0).dims(), inputs.get(1).dims())));
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor a = inputs.get(0), b = inputs.get(1);
        Tensor az = inputs.size() > 2 ? inputs.get(2) : null;
        Tensor bz = inputs.size() > 3 ? inputs.get(3) : null;
        MatMulShape s = MatMulShape.of(a.shape(), b.shape());
        int[] ai = centered("A", a, az, true);
        int[] bi = centered("B", b, bz, false);
        return List.of(MatMul.multiply(DType.INT32, ai, bi, s));
    }

    /** x - zeroPoint widened to int, the zero point broadcast as the spec describes. */
    static int[] centered(String name, Tensor x, Tensor zp, boolean perRow) {
        if (!isByte(x.dtype())) {
            throw new IllegalArgumentException("MatMulInteger: " + name + " must be int8 or uint8, got " + x.dtype());
        }
        boolean unsigned = x.dtype() == DType.UINT8;
        byte[] v = (byte[]) x.storage();
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) out[i] = unsigned ? v[i] & 0xff : v[i];
        if (zp == null) return out;
        if (zp.dtype() != x.dtype()) {
            throw new IllegalArgumentException("MatMulInteger: the zero point of " + name + " must be " + x.dtype()
                    + ", got " + zp.dtype());
        }
        byte[] z = (byte[]) zp.storage();
        int[] zs = zp.shape();
        if (z.length == 1) {
            int zv = unsigned ? z[0] & 0xff : z[0];
            for (int i = 0; i < out.length; i++) out[i] -= zv;
            return out;
        }
        int[] xs = x.shape();
        if (zs.length == 1 && perRow && xs.length >= 2) zs = new int[] {zs[0], 1};
        int[] target;
        try {
            target = Shapes.broadcast(xs, zs);
        } catch (IllegalArgumentException e) {
            target = null;
        }
        if (target == null || !Arrays.equals(target, xs)) {
            throw new IllegalArgumentException("MatMulInteger: zero point of shape " + Shapes.toString(zp.shape())
                    + " does not fit " + name + " of shape " + Shapes.toString(xs));
        }
        int[] zStr = Shapes.broadcastStrides(zs, xs);
        int[] idx = new int[xs.length];
        for (int i = 0; i < out.length; i++) {
            int zo = 0;
            for (int d = 0; d < idx.length; d++) zo += idx[d] * zStr[d];
            out[i] -= unsigned ? z[zo] & 0xff : z[zo];
            for (int d = idx.length - 1; d >= 0; d--) {
                if (++idx[d] < xs[d]) break;
                idx[d] = 0;
            }
        }
        return out;
    }
}
