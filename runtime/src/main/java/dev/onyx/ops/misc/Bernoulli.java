package dev.onyx.ops.misc;

import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;

import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * ONNX Bernoulli (opset 15): 1 with the probability given by each input element, else 0, in dtype
 * (default the input's type; any numeric type or bool). Seeded runs repeat; the session never folds it.
 */
public final class Bernoulli implements Op {
    private final DType dtype;
    private final Float seed;

    private Bernoulli(DType dtype, Float seed) {
        this.dtype = dtype;
        this.seed = seed;
    }

    static Op create(NodeContext ctx) {
        ctx.expectInputs(1, 1);
        DType t = ctx.attrs().has("dtype") ? MiscUtil.dtypeAttr(ctx, "dtype", ctx.attrs().requireInt("dtype"), false) : null;
        return new Bernoulli(t, RandomOps.seed(ctx));
    }

    @Override
    public List<Fact> infer(List<Fact> in) {
        Fact x = in.get(0);
        DType t = dtype != null ? dtype : x.dtype();
        return List.of(x.hasRank() ? Fact.of(t, x.dims()) : Fact.unknownShape(t));
    }

    @Override
    public List<Tensor> run(List<Tensor> in) {
        Tensor x = in.get(0);
        MiscUtil.requireFloat(x, "input");
        DType t = dtype != null ? dtype : x.dtype();
        DoubleSupplier u = RandomOps.uniform(seed);
        Tensor.Writer w = new Tensor.Writer(t, x.shape());
        for (int i = 0; i < x.size(); i++) {
            double p = x.getDouble(i);
            if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("probability " + p + " at " + i + " is outside [0, 1]");
            w.setLong(i, u.getAsDouble() < p ? 1 : 0);
        }
        return List.of(w.done());
    }
}
