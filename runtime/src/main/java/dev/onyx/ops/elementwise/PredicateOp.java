package dev.onyx.ops.elementwise;

import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;

import java.util.List;
import java.util.function.DoublePredicate;

/** IsNaN and IsInf: a bool per element of a floating-point input. */
final class PredicateOp implements Op {
    private final String name;
    private final DoublePredicate test;

    private PredicateOp(String name, DoublePredicate test) {
        this.name = name;
        this.test = test;
    }

    static Op isNaN(NodeContext ctx) {
        ctx.expectInputs(1, 1);
        return new PredicateOp("IsNaN", Double::isNaN);
    }

    static Op isInf(NodeContext ctx) {
        ctx.expectInputs(1, 1);
        boolean neg = ctx.attrs().getInt("detect_negative", 1) != 0;
        boolean pos = ctx.attrs().getInt("detect_positive", 1) != 0;
        return new PredicateOp("IsInf", x -> (pos && x == Double.POSITIVE_INFINITY) || (neg && x == Double.NEGATIVE_INFINITY));
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        return Facts.like(inputs.get(0), DType.BOOL);
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        if (!x.dtype().isFloatingPoint()) throw Num.unsupported(name, x.dtype());
        boolean[] out = new boolean[x.size()];
        if (x.dtype() == DType.FLOAT) {
            float[] in = (float[]) x.storage();
            for (int i = 0; i < out.length; i++) out[i] = test.test(in[i]);
        } else {
            for (int i = 0; i < out.length; i++) out[i] = test.test(x.getDouble(i));
        }
        return List.of(Tensor.wrap(DType.BOOL, x.shape(), out));
    }
}
