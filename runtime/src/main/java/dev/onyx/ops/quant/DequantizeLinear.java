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
 * ONNX DequantizeLinear (opsets 10-25): y = (x - x_zero_point) * x_scale in float32, per tensor, per axis (13+) or
 * blocked (21+), from int8/uint8/int16/uint16/int32; the output has the scale's type or 'output_dtype' (23+).
 * float8, int4 and int2 inputs are not supported by Onyx.
 */
public final class DequantizeLinear implements Op {
    private final int opset;
    private final long axis;
    private final long blockSize;
    private final DType outputDtype;

    private DequantizeLinear(int opset, long axis, long blockSize, DType outputDtype) {
        this.opset = opset;
        this.axis = axis;
        this.blockSize = blockSize;
        this.outputDtype = outputDtype;
    }

    static Op create(NodeContext ctx) {
        ctx.expectInputs(2, 3);
        int opset = ctx.opset();
        long axis = opset >= 13 ? ctx.attrs().getInt("axis", 1) : 1;
        long blockSize = opset >= 21 ? ctx.attrs().getInt("block_size", 0) : 0;
        if (blockSize < 0) throw ctx.invalid("attribute 'block_size': expected a non-negative value, got " + blockSize);
        DType out = null;
        if (opset >= 23) {
            long code = ctx.attrs().getInt("output_dtype", 0);
            if (code != 0) {
                out = Quant.onnxType(code, "output_dtype");
                if (out != DType.FLOAT && out != DType.FLOAT16 && out != DType.BFLOAT16) {
                    throw ctx.invalid("attribute 'output_dtype': expected float32, float16 or bfloat16, got " + out);
                }
            }
        }
        return new DequantizeLinear(opset, axis, blockSize, out);
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        Fact x = inputs.get(0), scale = inputs.get(1);
        return List.of(Fact.of(outputDtype != null ? outputDtype : scale.dtype(), x.dims()));
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor x = inputs.get(0), scale = inputs.get(1);
        Tensor zp = inputs.size() > 2 ? inputs.get(2) : null;
        if (!Quant.isQuantType(x.dtype()) && x.dtype() != DType.INT32) {
            throw new IllegalArgumentException("input x must be int8, uint8, int16, uint16 or int32, got " + x.dtype());
        }
        if (!scale.dtype().isFloatingPoint()) throw new IllegalArgumentException("x_scale must be a float type, got " + scale.dtype());
        if (zp != null) {
            if (zp.dtype() != x.dtype()) {
                throw new IllegalArgumentException("x_zero_point has type " + zp.dtype() + " but x has type " + x.dtype());
            }
            if (!Arrays.equals(zp.shape(), scale.shape()) && !(Quant.isSingle(zp) && Quant.isSingle(scale))) {
                throw Quant.shapeError("x_zero_point", zp, "x_scale's shape " + Shapes.toString(scale.shape()));
            }
        }
        ScaleLayout layout = ScaleLayout.of(x.shape(), scale, axis, blockSize, opset >= 13, "x_scale");
        double[] s = Quant.doubles(scale);
        long[] z = zp == null ? new long[s.length] : Quant.longs(zp);
        int n = x.size();
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            int k = layout.index(i);
            // computed in float32, as the reference does, then converted to the output type
            y[i] = (float) ((float) (x.getLong(i) - z[k]) * (float) s[k]);
        }
        return List.of(Quant.fromDoubles(outputDtype != null ? outputDtype : scale.dtype(), x.shape(), y));
    }
}
