package dev.onyx.ops.elementwise;

import dev.onyx.ops.OpRegistry;

/** Registers the elementwise operators. */
public final class ElementwiseOps {
    private ElementwiseOps() {}

    public static void register(OpRegistry r) {
    }
}
