package dev.onyx.ops.misc;

import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;

import java.util.List;

/** ONNX-ML Binarizer: 1 where the element is greater than threshold (default 0), else 0, in the input's type. */
public final class Binarizer implements Op {
    private final double threshold;

    private Binarizer(double threshold) { this.threshold = threshold; }

    static Op create(NodeContext ctx) {
        ctx.expectInputs(1, 1);
        return new Binarizer(ctx.attrs().getFloat("threshold", 0f));
    }

    @Override
    public List<Fact> infer(List<Fact> in) {
        Fact x = in.get(0);
        return List.of(x.hasRank() ? Fact.of(x.dtype(), x.dims()) : Fact.unknownShape(x.dtype()));
    }

    @Override
    public List<Tensor> run(List<Tensor> in) {
        Tensor x = in.get(0);
        DType t = x.dtype();
        if (t == DType.STRING || t == DType.BOOL) throw new IllegalArgumentException("Binarizer takes numbers, got " + t);
        Tensor.Writer w = new Tensor.Writer(t, x.shape());
        for (int i = 0; i < x.size(); i++) w.setDouble(i, x.getDouble(i) > threshold ? 1 : 0);
        return List.of(w.done());
    }
}
