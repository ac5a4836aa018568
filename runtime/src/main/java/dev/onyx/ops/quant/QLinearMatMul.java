package dev.onyx.ops.quant;

import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;

import java.util.List;

/**
 * ONNX QLinearMatMul (opsets 10, 21): quantized matmul of int8/uint8 operands; the int32 product is rescaled by
 * a_scale * b_scale / y_scale (computed in the scales' float type; per tensor, or per row of A/Y and per column of
 * B), offset by y_zero_point, rounded half to even and saturated to y_zero_point's type.
 */
public final class QLinearMatMul implements Op {
    static Op create(NodeContext ctx) {
        ctx.expectInputs(8, 8);
        return new QLinearMatMul();
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        DType t = inputs.get(7) != null ? inputs.get(7).dtype() : inputs.get(0).dtype();
        return List.of(Fact.of(t, IntMatMul.inferDims(inputs.get(0), inputs.get(3))));
    }

    @Override
    public List<Tensor> run(List<Tensor> in) {
        Tensor a = in.get(0), as = in.get(1), az = in.get(2), b = in.get(3), bs = in.get(4), bz = in.get(5);
        Tensor ys = in.get(6), yz = in.get(7);
        MatMulInteger.checkOperand(a.dtype(), "input a");
        MatMulInteger.checkOperand(b.dtype(), "input b");
        DType st = as.dtype();
        if (!st.isFloatingPoint() || bs.dtype() != st || ys.dtype() != st) {
            throw new IllegalArgumentException("a_scale, b_scale and y_scale must share a float type, got "
                    + as.dtype() + ", " + bs.dtype() + ", " + ys.dtype());
        }
        DType t = yz != null ? yz.dtype() : a.dtype();
        MatMulInteger.checkOperand(t, "y_zero_point");
        int[] av = IntMatMul.minusZeroPoint(a, az, a.rank() - 2, "a_zero_point");
        int[] bv = IntMatMul.minusZeroPoint(b, bz, b.rank() - 1, "b_zero_point");
        IntMatMul.Result r = IntMatMul.multiply(av, a.shape(), bv, b.shape());
        int m = r.m(), n = r.n();
        double[] sa = vector(as, m, "a_scale"), sb = vector(bs, n, "b_scale"), sy = vector(ys, m, "y_scale");
        double[] zy = yz == null ? new double[1] : vector(yz, m, "y_zero_point");
        long lo = Quant.min(t), hi = Quant.max(t);
        long[] c = r.values();
        long[] y = new long[c.length];
        for (int o = 0; o < c.length; o++) {
            int i = (o / n) % m, j = o % n;
            double ai = sa[sa.length == 1 ? 0 : i], bj = sb[sb.length == 1 ? 0 : j], yi = sy[sy.length == 1 ? 0 : i];
            double mult = Quant.toPrecision(Quant.toPrecision(ai * bj, st) / yi, st);
            y[o] = Quant.roundSaturate(c[o] * mult + zy[zy.length == 1 ? 0 : i], lo, hi);
        }
        return List.of(Quant.fromLongs(t, r.shape(), y));
    }

    /** A scale or zero point: one element, or a 1-D vector of the given length. */
    private static double[] vector(Tensor v, int len, String what) {
        if (v.size() == 1 && v.rank() <= 1) return new double[] {v.getDouble(0)};
        if (v.rank() != 1 || v.dim(0) != len) throw Quant.shapeError(what, v, "a scalar or [" + len + "]");
        return Quant.doubles(v);
    }
}
