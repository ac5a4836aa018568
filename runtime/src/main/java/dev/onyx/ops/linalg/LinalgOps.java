package dev.onyx.ops.linalg;

import dev.onyx.ops.OpRegistry;

/** Registers the linalg operators: Gemm and MatMul (MatMulInteger lives with the quantization ops). */
public final class LinalgOps {
    private LinalgOps() {}

    public static void register(OpRegistry r) {
        r.register("Gemm", 1, OpRegistry.MAX_OPSET, Gemm::create);
        r.register("MatMul", 1, OpRegistry.MAX_OPSET, MatMul::create);
    }
}
