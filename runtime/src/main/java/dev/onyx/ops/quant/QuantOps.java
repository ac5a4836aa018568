package dev.onyx.ops.quant;

import dev.onyx.ops.OpRegistry;

/** Registers the quantization operators. */
public final class QuantOps {
    private QuantOps() {}

    public static void register(OpRegistry r) {
        int max = OpRegistry.MAX_OPSET;
        r.register("QuantizeLinear", 10, max, QuantizeLinear::create);
        r.register("DequantizeLinear", 10, max, DequantizeLinear::create);
        r.register("DynamicQuantizeLinear", 11, max, DynamicQuantizeLinear::create);
        r.register("MatMulInteger", 10, max, MatMulInteger::create);
        r.register("QLinearMatMul", 10, max, QLinearMatMul::create);
        r.register("ConvInteger", 10, max, ConvInteger::create);
        r.register("QLinearConv", 10, max, QLinearConv::create);
    }
}
