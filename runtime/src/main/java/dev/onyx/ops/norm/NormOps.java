package dev.onyx.ops.norm;

import dev.onyx.ops.OpRegistry;

/** Registers the norm operators. */
public final class NormOps {
    private NormOps() {}

    public static void register(OpRegistry r) {
    }
}
