package dev.onyx.ops.norm;

import dev.onyx.kernel.ReduceKernel.Kind;
import dev.onyx.ops.OpRegistry;

/** Registers the normalization, softmax and reduction operators. */
public final class NormOps {
    private NormOps() {}

    public static void register(OpRegistry r) {
        r.register("BatchNormalization", 1, OpRegistry.MAX_OPSET, BatchNormalization::create);
        r.register("InstanceNormalization", 1, OpRegistry.MAX_OPSET, InstanceNormalization::create);
        r.register("LRN", 1, OpRegistry.MAX_OPSET, Lrn::create);
        r.register("LpNormalization", 1, OpRegistry.MAX_OPSET, LpNormalization::create);
        r.register("MeanVarianceNormalization", 9, OpRegistry.MAX_OPSET, MeanVarianceNormalization::create);
        r.register("LayerNormalization", 17, OpRegistry.MAX_OPSET, ctx -> LayerNormalization.create(ctx, false));
        r.register("GroupNormalization", 18, OpRegistry.MAX_OPSET, GroupNormalization::create);
        r.register("RMSNormalization", 23, OpRegistry.MAX_OPSET, ctx -> LayerNormalization.create(ctx, true));

        r.register("Softmax", 1, OpRegistry.MAX_OPSET, ctx -> SoftmaxOp.create(ctx, SoftmaxOp.Mode.SOFTMAX));
        r.register("LogSoftmax", 1, OpRegistry.MAX_OPSET, ctx -> SoftmaxOp.create(ctx, SoftmaxOp.Mode.LOG_SOFTMAX));
        r.register("Hardmax", 1, OpRegistry.MAX_OPSET, ctx -> SoftmaxOp.create(ctx, SoftmaxOp.Mode.HARDMAX));

        reduce(r, "ReduceSum", Kind.SUM);
        reduce(r, "ReduceMean", Kind.MEAN);
        reduce(r, "ReduceMax", Kind.MAX);
        reduce(r, "ReduceMin", Kind.MIN);
        reduce(r, "ReduceProd", Kind.PROD);
        reduce(r, "ReduceL1", Kind.L1);
        reduce(r, "ReduceL2", Kind.L2);
        reduce(r, "ReduceLogSum", Kind.LOG_SUM);
        reduce(r, "ReduceLogSumExp", Kind.LOG_SUM_EXP);
        reduce(r, "ReduceSumSquare", Kind.SUM_SQUARE);
        r.register("ArgMax", 1, OpRegistry.MAX_OPSET, ctx -> ArgReduceOp.create(ctx, true));
        r.register("ArgMin", 1, OpRegistry.MAX_OPSET, ctx -> ArgReduceOp.create(ctx, false));
    }

    private static void reduce(OpRegistry r, String op, Kind kind) {
        r.register(op, 1, OpRegistry.MAX_OPSET, ctx -> ReduceOp.create(ctx, kind));
    }
}
