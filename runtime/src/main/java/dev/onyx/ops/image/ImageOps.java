package dev.onyx.ops.image;

import dev.onyx.ops.OpRegistry;

/** Registers the image and spatial operators: resampling, transposed convolution, grid sampling and friends. */
public final class ImageOps {
    private ImageOps() {}

    public static void register(OpRegistry r) {
        r.register("Resize", 10, OpRegistry.MAX_OPSET, Resize::createResize);
        r.register("Upsample", 1, OpRegistry.MAX_OPSET, Resize::createUpsample);
        r.register("ConvTranspose", 1, OpRegistry.MAX_OPSET, ConvTranspose::create);
        r.register("GridSample", 16, OpRegistry.MAX_OPSET, GridSample::create);
        r.register("RoiAlign", 10, OpRegistry.MAX_OPSET, RoiAlign::create);
        r.register("MaxUnpool", 9, OpRegistry.MAX_OPSET, MaxUnpool::create);
        r.register("Col2Im", 18, OpRegistry.MAX_OPSET, Col2Im::create);
        r.register("CenterCropPad", 18, OpRegistry.MAX_OPSET, CenterCropPad::create);
        r.register("AffineGrid", 20, OpRegistry.MAX_OPSET, AffineGrid::create);
        r.register("DeformConv", 19, OpRegistry.MAX_OPSET, DeformConv::create);
    }
}
