package dev.onyx.ops.seq;

import dev.onyx.ops.OpRegistry;

/** Registers the sequence-model and tensor-algebra operators (RNN family, Einsum, losses, ...). */
public final class SeqOps {
    private SeqOps() {}

    public static void register(OpRegistry r) {
        int max = OpRegistry.MAX_OPSET;
        r.register("RNN", 1, max, ctx -> Recurrent.create(ctx, Recurrent.Cell.RNN));
        r.register("GRU", 1, max, ctx -> Recurrent.create(ctx, Recurrent.Cell.GRU));
        r.register("LSTM", 1, max, ctx -> Recurrent.create(ctx, Recurrent.Cell.LSTM));
        r.register("Einsum", 12, max, Einsum::create);
        r.register("NegativeLogLikelihoodLoss", 12, max, ctx -> Loss.create(ctx, false));
        r.register("SoftmaxCrossEntropyLoss", 12, max, ctx -> Loss.create(ctx, true));
        r.register("CumProd", 26, max, CumProd::create);
        r.register("Det", 11, max, Det::create);
        r.register("Compress", 9, max, Compress::create);
        r.register("EyeLike", 9, max, EyeLike::create);
        r.register("ReverseSequence", 10, max, ReverseSequence::create);
        r.register("Unique", 11, max, Unique::create);
        r.register("Swish", 24, max, Swish::create);
        r.register("SwiGLU", 28, max, SwiGlu::create);
        r.register("RotaryEmbedding", 23, max, RotaryEmbedding::create);
        r.register("Attention", 23, max, Attention::create);
    }
}
