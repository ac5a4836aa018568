package dev.onyx.ops.linalg;

import dev.onyx.ops.OpRegistry;

/** Registers the linalg operators. */
public final class LinalgOps {
    private LinalgOps() {}

    public static void register(OpRegistry r) {
    }
}
