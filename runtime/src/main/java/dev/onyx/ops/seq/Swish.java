package dev.onyx.ops.seq;

import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.Tensor;

import java.util.List;

/** ONNX Swish (opset 24): x * sigmoid(alpha * x). */
final class Swish implements Op {
    private final double alpha;

    private Swish(double alpha) {
        this.alpha = alpha;
    }

    static Op create(NodeContext ctx) {
        ctx.expectInputs(1, 1);
        return new Swish(ctx.attrs().getFloat("alpha", 1f));
    }

    @Override
    public List<Fact> infer(List<Fact> in) {
        Fact x = in.get(0);
        SeqData.requireFloating(x, "input X");
        return List.of(x == null ? Fact.UNKNOWN : new Fact(x.dtype(), x.dims(), null));
    }

    @Override
    public List<Tensor> run(List<Tensor> in) {
        Tensor x = in.get(0);
        SeqData.requireFloating(x, "input X");
        double[] v = SeqData.doubles(x);
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) r[i] = v[i] / (1 + StrictMath.exp(-alpha * v[i]));
        return List.of(SeqData.fromDoubles(x.dtype(), x.shape(), r));
    }
}
