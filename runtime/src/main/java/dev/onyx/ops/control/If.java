package dev.onyx.ops.control;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/** If (all opsets): runs then_branch or else_branch on a one-element condition; branches read outer values. */
final class If implements Op {
    private final Body thenBranch;
    private final Body elseBranch;
    private final int outputs;

    private If(Body thenBranch, Body elseBranch, int outputs) {
        this.thenBranch = thenBranch;
        this.elseBranch = elseBranch;
        this.outputs = outputs;
    }

    static If create(NodeContext ctx) {
        ctx.expectInputs(1, 1);
        Body t = Body.of(ctx, "then_branch");
        Body e = Body.of(ctx, "else_branch");
        if (t.inputCount() != 0 || e.inputCount() != 0) {
            throw ctx.invalid("the branches must take no inputs, got " + t.inputCount() + " and " + e.inputCount());
        }
        if (t.outputCount() != e.outputCount()) {
            throw ctx.invalid("then_branch has " + t.outputCount() + " outputs but else_branch has " + e.outputCount());
        }
        if (ctx.outputCount() > t.outputCount()) {
            throw ctx.invalid("the node has " + ctx.outputCount() + " outputs but the branches produce " + t.outputCount());
        }
        return new If(t, e, ctx.outputCount());
    }

    static boolean condition(Tensor c, String what) {
        if (c.size() != 1) {
            throw new IllegalArgumentException(what + ": expected a single-element tensor, got shape "
                    + dev.onyx.tensor.Shapes.toString(c.shape()));
        }
        if (c.dtype() == DType.STRING) throw new IllegalArgumentException(what + ": expected bool, got string");
        return c.getDouble(0) != 0;
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        Fact cond = inputs.get(0);
        if (cond != null && cond.constant() != null && cond.constant().size() == 1) {
            Body b = condition(cond.constant(), "cond") ? thenBranch : elseBranch;
            List<Fact> r = new ArrayList<>();
            for (int i = 0; i < outputs; i++) r.add(strip(b.outputFact(i)));
            return r;
        }
        List<Fact> r = new ArrayList<>();
        for (int i = 0; i < outputs; i++) r.add(merge(thenBranch.outputFact(i), elseBranch.outputFact(i)));
        return r;
    }

    static Fact strip(Fact f) { return new Fact(f.dtype(), f.dims(), null); }

    /** What is known of a value that is one of two facts. */
    static Fact merge(Fact a, Fact b) {
        DType dtype = a.dtype() == b.dtype() ? a.dtype() : a.dtype() == null ? b.dtype() : b.dtype() == null ? a.dtype() : null;
        if (a.dims() == null || b.dims() == null || a.dims().size() != b.dims().size()) return Fact.unknownShape(dtype);
        List<Dim> dims = new ArrayList<>();
        for (int i = 0; i < a.dims().size(); i++) {
            Dim x = a.dims().get(i);
            Dim y = b.dims().get(i);
            dims.add(x.equals(y) ? x : Dim.UNKNOWN);
        }
        return Fact.of(dtype, dims);
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Body b = condition(inputs.get(0), "cond") ? thenBranch : elseBranch;
        List<Tensor> out = b.run(List.of(), inputs);
        return new ArrayList<>(out.subList(0, outputs));
    }
}
