package dev.onyx.ops.quant;

import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;

import java.util.List;

/**
 * ONNX DynamicQuantizeLinear (opset 11): uint8 quantization of a float32 tensor with a scale and zero point taken
 * from its range widened to include 0, all in float32 (an all-zero input gets scale 1).
 */
public final class DynamicQuantizeLinear implements Op {
    static Op create(NodeContext ctx) {
        ctx.expectInputs(1, 1);
        return new DynamicQuantizeLinear();
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        Fact x = inputs.get(0);
        return List.of(Fact.of(DType.UINT8, x.dims()), Fact.of(DType.FLOAT), Fact.of(DType.UINT8));
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        if (x.dtype() != DType.FLOAT) throw new IllegalArgumentException("input x must be float32, got " + x.dtype());
        float[] v = (float[]) x.storage();
        float min = 0, max = 0;
        for (float f : v) {
            // NaN propagates as ReduceMin/ReduceMax would
            if (Float.isNaN(f)) {
                min = max = Float.NaN;
                break;
            }
            min = Math.min(min, f);
            max = Math.max(max, f);
        }
        float scale = max == min ? 1f : (max - min) / 255f;
        float zpf = 0f - min / scale;
        long zp = Quant.roundSaturate(Math.max(0f, Math.min(255f, zpf)), 0, 255);
        long[] y = new long[v.length];
        for (int i = 0; i < v.length; i++) y[i] = Quant.roundSaturate(Math.rint(v[i] / scale) + zp, 0, 255);
        return List.of(Quant.fromLongs(DType.UINT8, x.shape(), y),
                Tensor.scalar(scale),
                Quant.fromLongs(DType.UINT8, new int[0], new long[] {zp}));
    }
}
