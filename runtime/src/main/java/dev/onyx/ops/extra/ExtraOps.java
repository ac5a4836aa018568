package dev.onyx.ops.extra;

import dev.onyx.ops.OpRegistry;

/** Registers the recent sequence-model ops (LinearAttention, CausalConvWithState) and ONNX-ML TreeEnsemble. */
public final class ExtraOps {
    private ExtraOps() {}

    /** The ONNX-ML domain. */
    public static final String ML = "ai.onnx.ml";

    public static void register(OpRegistry r) {
        int max = OpRegistry.MAX_OPSET;
        r.register("LinearAttention", 27, max, LinearAttention::create);
        r.register("CausalConvWithState", 27, max, CausalConvWithState::create);
        r.register(ML, "TreeEnsemble", 5, max, TreeEnsemble::create);
    }
}
