package dev.onyx.ops.elementwise;

import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.List;

/** Sum, Mean, Max and Min over one or more inputs with numpy broadcasting. */
final class VariadicOp implements Op {
    private final BinaryFn fn;
    private final boolean mean;

    private VariadicOp(BinaryFn fn, boolean mean) {
        this.fn = fn;
        this.mean = mean;
    }

    static Op create(NodeContext ctx, BinaryFn fn, boolean mean) {
        if (ctx.inputCount() < 1) throw ctx.invalid("expected at least 1 input, got 0");
        for (int i = 0; i < ctx.inputCount(); i++) {
            if (!ctx.hasInput(i)) throw ctx.invalid("input " + i + " is empty");
        }
        return new VariadicOp(fn, mean);
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        return Facts.broadcastFact(Facts.dtype(inputs), inputs);
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor acc = inputs.get(0);
        int[] shape = acc.shape();
        for (int i = 1; i < inputs.size(); i++) {
            Tensor t = inputs.get(i);
            int[] out = Shapes.broadcast(shape, t.shape());
            acc = BinaryOp.compute(fn, acc, shape, t, t.shape(), out);
            shape = out;
        }
        if (inputs.size() == 1) {
            // validate the type even for a single input
            DType t = acc.dtype();
            if (!(t.isFloatingPoint() && fn.real() != null) && (!t.isInteger() || fn.integerFor(t) == null)) {
                throw Num.unsupported(fn.name(), t);
            }
        }
        if (mean && inputs.size() > 1) {
            Tensor n = Tensor.fromDoubles(acc.dtype(), new int[0], new double[] {inputs.size()});
            acc = BinaryOp.compute(BinaryFn.DIV, acc, shape, n, new int[0], shape);
        }
        return List.of(acc);
    }

}
