package dev.onyx.ops.nn;

import dev.onyx.ops.OpRegistry;

/** Registers the nn operators: convolution and pooling. */
public final class NnOps {
    private NnOps() {}

    public static void register(OpRegistry r) {
        r.register("Conv", 1, OpRegistry.MAX_OPSET, Conv::create);
        r.register("MaxPool", 1, OpRegistry.MAX_OPSET, MaxPool::create);
        r.register("AveragePool", 1, OpRegistry.MAX_OPSET, AveragePool::create);
        r.register("LpPool", 1, OpRegistry.MAX_OPSET, LpPool::create);
        r.register("GlobalAveragePool", 1, OpRegistry.MAX_OPSET, ctx -> GlobalPool.create(ctx, GlobalPool.Kind.AVERAGE));
        r.register("GlobalMaxPool", 1, OpRegistry.MAX_OPSET, ctx -> GlobalPool.create(ctx, GlobalPool.Kind.MAX));
        r.register("GlobalLpPool", 1, OpRegistry.MAX_OPSET, ctx -> GlobalPool.create(ctx, GlobalPool.Kind.LP));
    }
}
