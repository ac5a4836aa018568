package dev.onyx.ops.shape;

import dev.onyx.ops.OpRegistry;

/** Registers the shape operators. */
public final class ShapeOps {
    private ShapeOps() {}

    public static void register(OpRegistry r) {
    }
}
