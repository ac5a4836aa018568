package dev.onyx.ops.fused;

import dev.onyx.ops.OpRegistry;

/** Registers the ops the optimizer creates, in the "ai.onyx" domain. */
public final class FusedOps {
    public static final String DOMAIN = "ai.onyx";

    private FusedOps() {}

    public static void register(OpRegistry r) {
        r.register(DOMAIN, "FusedConv", 1, Integer.MAX_VALUE, ctx -> FusedNode.create(ctx, "Conv", 3));
        r.register(DOMAIN, "FusedGemm", 1, Integer.MAX_VALUE, ctx -> FusedNode.create(ctx, "Gemm", 3));
        r.register(DOMAIN, "FusedPointwiseDepthwise", 1, Integer.MAX_VALUE, PointwiseDepthwiseNode::create);
        r.register(DOMAIN, "FusedConvConcat", 1, Integer.MAX_VALUE, ConvConcatNode::create);
    }
}
