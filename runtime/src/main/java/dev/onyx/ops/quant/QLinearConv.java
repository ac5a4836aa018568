package dev.onyx.ops.quant;

import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;

import java.util.List;

/**
 * ONNX QLinearConv (opset 10): quantized convolution of int8/uint8 x and w (w's scale and zero point per tensor or
 * per output channel) plus an int32 bias; the int32 result is rescaled by x_scale * w_scale / y_scale (float32),
 * offset by y_zero_point, rounded half to even and saturated to y_zero_point's type.
 */
public final class QLinearConv implements Op {
    private final IntConv conv;

    private QLinearConv(IntConv conv) { this.conv = conv; }

    static Op create(NodeContext ctx) {
        ctx.expectInputs(8, 9);
        return new QLinearConv(IntConv.create(ctx, ctx.hasInput(8)));
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        DType t = inputs.get(7) != null ? inputs.get(7).dtype() : inputs.get(0).dtype();
        return List.of(Fact.of(t, conv.infer(inputs.get(0), inputs.get(3))));
    }

    @Override
    public List<Tensor> run(List<Tensor> in) {
        Tensor x = in.get(0), xs = in.get(1), xz = in.get(2), w = in.get(3), ws = in.get(4), wz = in.get(5);
        Tensor ys = in.get(6), yz = in.get(7), b = in.size() > 8 ? in.get(8) : null;
        MatMulInteger.checkOperand(x.dtype(), "input x");
        MatMulInteger.checkOperand(w.dtype(), "input w");
        DType t = yz != null ? yz.dtype() : x.dtype();
        MatMulInteger.checkOperand(t, "y_zero_point");
        if (!Quant.isSingle(xs) || !Quant.isSingle(ys)) {
            throw new IllegalArgumentException("x_scale and y_scale must be scalars, got " + xs + " and " + ys);
        }
        int m = w.rank() > 0 ? w.dim(0) : 0;
        if (!Quant.isSingle(ws) && (ws.rank() != 1 || ws.dim(0) != m)) throw Quant.shapeError("w_scale", ws, "a scalar or [" + m + "]");
        int[] bias = null;
        if (b != null) {
            if (b.dtype() != DType.INT32) throw new IllegalArgumentException("bias B must be int32, got " + b.dtype());
            if (b.rank() != 1 || b.dim(0) != m) throw Quant.shapeError("bias B", b, "[" + m + "]");
            bias = b.ints();
        }
        int[] xv = IntMatMul.minusZeroPoint(x, xz, 1, "x_zero_point");
        int[] wv = IntMatMul.minusZeroPoint(w, wz, 0, "w_zero_point");
        IntConv.Result r = conv.run(xv, x.shape(), wv, w.shape(), bias);
        float sx = (float) xs.getDouble(0), sy = (float) ys.getDouble(0);
        double[] mult = new double[Math.max(1, m)];
        for (int c = 0; c < mult.length; c++) mult[c] = (sx * (float) ws.getDouble(ws.size() == 1 ? 0 : c)) / sy;
        double zy = yz == null ? 0 : yz.getLong(0);
        if (yz != null && !Quant.isSingle(yz)) throw Quant.shapeError("y_zero_point", yz, "a scalar");
        int[] shape = r.shape();
        int inner = shape.length > 2 ? dev.onyx.tensor.Shapes.product(shape, 2, shape.length) : 1;
        long lo = Quant.min(t), hi = Quant.max(t);
        long[] c = r.values();
        long[] y = new long[c.length];
        for (int o = 0; o < c.length; o++) {
            int ch = (o / inner) % Math.max(1, m);
            y[o] = Quant.roundSaturate(c[o] * mult[ws.size() == 1 ? 0 : ch] + zy, lo, hi);
        }
        return List.of(Quant.fromLongs(t, shape, y));
    }
}
