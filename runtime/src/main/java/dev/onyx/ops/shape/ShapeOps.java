package dev.onyx.ops.shape;

import dev.onyx.ops.OpRegistry;

/** Registers the shape and indexing operators. */
public final class ShapeOps {
    private ShapeOps() {}

    public static void register(OpRegistry r) {
        r.register("Reshape", Reshape::create);
        r.register("Flatten", Flatten::create);
        r.register("Concat", Concat::create);
        r.register("Transpose", Transpose::create);
        r.register("Shape", ShapeOf::create);
        r.register("Size", ctx -> {
            ctx.expectInputs(1, 1);
            return new Size();
        });
        r.register("Squeeze", Squeeze::create);
        r.register("Unsqueeze", Unsqueeze::create);
        r.register("Gather", GatherOp::create);
        r.register("GatherElements", 11, OpRegistry.MAX_OPSET, GatherElements::create);
        r.register("GatherND", 11, OpRegistry.MAX_OPSET, GatherND::create);
        r.register("Slice", Slice::create);
        r.register("Split", Split::create);
        r.register("Expand", 8, OpRegistry.MAX_OPSET, Expand::create);
        r.register("Tile", Tile::create);
        r.register("ConstantOfShape", 9, OpRegistry.MAX_OPSET, ConstantOfShape::create);
        r.register("Range", 11, OpRegistry.MAX_OPSET, ctx -> {
            ctx.expectInputs(3, 3);
            return new Range();
        });
        r.register("Pad", PadOp::create);
        r.register("Dropout", Dropout::create);
        r.register("DepthToSpace", DepthToSpace::createDepthToSpace);
        r.register("SpaceToDepth", DepthToSpace::createSpaceToDepth);
        r.register("Trilu", 14, OpRegistry.MAX_OPSET, Trilu::create);
        r.register("OneHot", 9, OpRegistry.MAX_OPSET, OneHot::create);
        r.register("NonZero", 9, OpRegistry.MAX_OPSET, ctx -> {
            ctx.expectInputs(1, 1);
            return new NonZero();
        });
        r.register("Scatter", 9, 10, ScatterElements::create);
        r.register("ScatterElements", 11, OpRegistry.MAX_OPSET, ScatterElements::create);
        r.register("ScatterND", 11, OpRegistry.MAX_OPSET, ScatterND::create);
        r.register("CumSum", 11, OpRegistry.MAX_OPSET, CumSum::create);
        r.register("TopK", TopK::create);
    }
}
