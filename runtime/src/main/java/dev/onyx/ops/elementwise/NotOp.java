package dev.onyx.ops.elementwise;

import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;

import java.util.List;

/** Not: logical negation of a bool tensor. */
final class NotOp implements Op {
    static Op create(NodeContext ctx) {
        ctx.expectInputs(1, 1);
        return new NotOp();
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        return Facts.like(inputs.get(0), DType.BOOL);
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        if (x.dtype() != DType.BOOL) throw Num.unsupported("Not", x.dtype());
        boolean[] in = (boolean[]) x.storage();
        boolean[] out = new boolean[in.length];
        for (int i = 0; i < in.length; i++) out[i] = !in[i];
        return List.of(Tensor.wrap(DType.BOOL, x.shape(), out));
    }
}
