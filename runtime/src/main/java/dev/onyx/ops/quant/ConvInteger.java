package dev.onyx.ops.quant;

import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;

import java.util.List;

/**
 * ONNX ConvInteger (opset 10): int32 convolution of (x - x_zero_point) with (w - w_zero_point) for int8/uint8
 * operands, with Conv's window attributes; w_zero_point per tensor or per output channel.
 */
public final class ConvInteger implements Op {
    private final IntConv conv;

    private ConvInteger(IntConv conv) { this.conv = conv; }

    static Op create(NodeContext ctx) {
        ctx.expectInputs(2, 4);
        return new ConvInteger(IntConv.create(ctx, false));
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        return List.of(Fact.of(DType.INT32, conv.infer(inputs.get(0), inputs.get(1))));
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor x = inputs.get(0), w = inputs.get(1);
        Tensor xz = inputs.size() > 2 ? inputs.get(2) : null, wz = inputs.size() > 3 ? inputs.get(3) : null;
        MatMulInteger.checkOperand(x.dtype(), "input x");
        MatMulInteger.checkOperand(w.dtype(), "input w");
        int[] xv = IntMatMul.minusZeroPoint(x, xz, 1, "x_zero_point");
        int[] wv = IntMatMul.minusZeroPoint(w, wz, 0, "w_zero_point");
        IntConv.Result r = conv.run(xv, x.shape(), wv, w.shape(), null);
        return List.of(Quant.fromLongs(DType.INT32, r.shape(), r.values()));
    }
}
