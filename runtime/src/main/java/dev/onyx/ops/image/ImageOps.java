package dev.onyx.ops.image;

import dev.onyx.ops.OpRegistry;

/** Registers the image and spatial operators: resampling, transposed convolution, grid sampling and friends. */
public final class ImageOps {
    private ImageOps() {}

    public static void register(OpRegistry r) {
        r.register("Resize", 10, OpRegistry.MAX_OPSET, Resize::createResize);
        r.register("Upsample", 1, OpRegistry.MAX_OPSET, Resize::createUpsample);
    }
}
