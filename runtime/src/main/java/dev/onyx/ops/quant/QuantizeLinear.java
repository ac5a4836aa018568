package dev.onyx.ops.quant;

import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.Arrays;
import java.util.List;

/**
 * ONNX QuantizeLinear (opsets 10-25): y = saturate(rint(x / y_scale) + y_zero_point), per tensor, per axis (13+)
 * or blocked (21+), to int8/uint8/int16/uint16 (float8, int4 and int2 outputs are not supported by Onyx).
 */
public final class QuantizeLinear implements Op {
    private final int opset;
    private final long axis;
    private final long blockSize;
    /** From 'output_dtype', or null. */
    private final DType outputDtype;
    /** From 'precision', or null (then the scale's type). */
    private final DType precision;

    private QuantizeLinear(int opset, long axis, long blockSize, DType outputDtype, DType precision) {
        this.opset = opset;
        this.axis = axis;
        this.blockSize = blockSize;
        this.outputDtype = outputDtype;
        this.precision = precision;
    }

    static Op create(NodeContext ctx) {
        ctx.expectInputs(2, 3);
        int opset = ctx.opset();
        long axis = opset >= 13 ? ctx.attrs().getInt("axis", 1) : 1;
        if (opset >= 19) {
            long saturate = ctx.attrs().getInt("saturate", 1);
            if (saturate != 0 && saturate != 1) throw ctx.invalid("attribute 'saturate': expected 0 or 1, got " + saturate);
        }
        long blockSize = opset >= 21 ? ctx.attrs().getInt("block_size", 0) : 0;
        if (blockSize < 0) throw ctx.invalid("attribute 'block_size': expected a non-negative value, got " + blockSize);
        DType out = null;
        if (opset >= 21) {
            long code = ctx.attrs().getInt("output_dtype", 0);
            if (code != 0) {
                out = Quant.onnxType(code, "output_dtype");
                if (!Quant.isQuantType(out)) {
                    throw ctx.invalid("attribute 'output_dtype': expected int8, uint8, int16 or uint16, got " + out);
                }
            }
        }
        DType precision = null;
        if (opset >= 23) {
            long code = ctx.attrs().getInt("precision", 0);
            if (code != 0) {
                precision = Quant.onnxType(code, "precision");
                if (!precision.isFloatingPoint()) throw ctx.invalid("attribute 'precision': expected a floating type, got " + precision);
            }
        }
        return new QuantizeLinear(opset, axis, blockSize, out, precision);
    }

    /** The output type from the zero point's type, output_dtype, or uint8. */
    private DType outputType(DType zp) {
        if (zp != null) {
            if (outputDtype != null && outputDtype != zp) {
                throw new IllegalArgumentException("attribute 'output_dtype' " + outputDtype + " does not match y_zero_point type " + zp);
            }
            if (!Quant.isQuantType(zp)) {
                throw new IllegalArgumentException("y_zero_point must be int8, uint8, int16 or uint16, got " + zp);
            }
            return zp;
        }
        return outputDtype != null ? outputDtype : DType.UINT8;
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        Fact x = inputs.get(0);
        Fact zp = inputs.size() > 2 ? inputs.get(2) : null;
        if (zp != null && zp.dtype() == null) return List.of(Fact.of(null, x.dims()));
        return List.of(Fact.of(outputType(zp == null ? null : zp.dtype()), x.dims()));
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor x = inputs.get(0), scale = inputs.get(1);
        Tensor zp = inputs.size() > 2 ? inputs.get(2) : null;
        DType t = outputType(zp == null ? null : zp.dtype());
        if (!x.dtype().isFloatingPoint() && x.dtype() != DType.INT32) {
            throw new IllegalArgumentException("input x must be float32, float16, bfloat16 or int32, got " + x.dtype());
        }
        if (!scale.dtype().isFloatingPoint() && scale.dtype() != DType.INT32) {
            throw new IllegalArgumentException("y_scale must be a float type, got " + scale.dtype());
        }
        if (zp != null && !Arrays.equals(zp.shape(), scale.shape()) && !(Quant.isSingle(zp) && Quant.isSingle(scale))) {
            throw Quant.shapeError("y_zero_point", zp, "y_scale's shape " + Shapes.toString(scale.shape()));
        }
        ScaleLayout layout = ScaleLayout.of(x.shape(), scale, axis, blockSize, opset >= 13, "y_scale");
        // the division runs in the precision attribute's type, else the scale's (an int32 scale: float64)
        DType p = precision != null ? precision : scale.dtype() == DType.INT32 ? DType.DOUBLE : scale.dtype();
        double[] s = Quant.doubles(scale);
        long[] z = zp == null ? new long[s.length] : Quant.longs(zp);
        long lo = Quant.min(t), hi = Quant.max(t);
        int n = x.size();
        long[] y = new long[n];
        for (int i = 0; i < n; i++) {
            int k = layout.index(i);
            double q = Quant.toPrecision(Quant.toPrecision(x.getDouble(i), p) / Quant.toPrecision(s[k], p), p);
            y[i] = Quant.roundSaturate(Math.rint(q) + z[k], lo, hi);
        }
        return List.of(Quant.fromLongs(t, x.shape(), y));
    }
}
