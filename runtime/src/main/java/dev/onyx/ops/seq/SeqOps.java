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
    }
}
