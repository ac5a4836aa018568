package dev.onyx.ops.nn;

import dev.onyx.ops.OpRegistry;

/** Registers the nn operators. */
public final class NnOps {
    private NnOps() {}

    public static void register(OpRegistry r) {
    }
}
