package dev.onyx.ops.nn;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.kernel.PoolGlobal;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** ONNX GlobalAveragePool, GlobalMaxPool and GlobalLpPool (opsets 1-25): [N, C, spatial...] to [N, C, 1, ...]. */
public final class GlobalPool implements Op {
    enum Kind { AVERAGE, MAX, LP }

    private final Kind kind;
    private final double p;

    private GlobalPool(Kind kind, double p) {
        this.kind = kind;
        this.p = p;
    }

    static Op create(NodeContext ctx, Kind kind) {
        ctx.expectInputs(1, 1);
        return new GlobalPool(kind, kind == Kind.LP ? LpPool.readP(ctx) : 0);
    }

    private String name() {
        return switch (kind) {
            case AVERAGE -> "GlobalAveragePool";
            case MAX -> "GlobalMaxPool";
            case LP -> "GlobalLpPool";
        };
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        Fact x = inputs.get(0);
        if (x.dtype() != null && !NnData.isFloat(x.dtype())) throw badType(x.dtype());
        if (!x.hasRank()) return List.of(Fact.unknownShape(x.dtype()));
        checkRank(x.rank(), x.describe());
        List<Dim> dims = new ArrayList<>(x.dims().subList(0, 2));
        for (int i = 2; i < x.rank(); i++) dims.add(Dim.of(1));
        return List.of(Fact.of(x.dtype(), dims));
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        if (!NnData.isFloat(x.dtype())) throw badType(x.dtype());
        int[] xs = x.shape();
        checkRank(xs.length, "shape " + Shapes.toString(xs));
        int[] ys = xs.clone();
        Arrays.fill(ys, 2, ys.length, 1);
        int planes = xs[0] * xs[1];
        int size = Shapes.product(xs, 2, xs.length);
        if (size == 0 && kind != Kind.LP) {
            throw new IllegalArgumentException(name() + " needs a non-empty spatial extent, got shape " + Shapes.toString(xs));
        }
        if (x.dtype() == DType.DOUBLE) {
            double[] in = NnData.doubles(x), out = dev.onyx.tensor.Buffers.doubles(planes);
            switch (kind) {
                case AVERAGE -> PoolGlobal.average(in, out, planes, size);
                case MAX -> PoolGlobal.max(in, out, planes, size);
                case LP -> PoolGlobal.lp(in, out, planes, size, p);
            }
            return List.of(Tensor.wrap(DType.DOUBLE, ys, out));
        }
        float[] in = NnData.floats(x), out = dev.onyx.tensor.Buffers.floats(planes);
        switch (kind) {
            case AVERAGE -> PoolGlobal.average(in, out, planes, size);
            case MAX -> PoolGlobal.max(in, out, planes, size);
            case LP -> PoolGlobal.lp(in, out, planes, size, p);
        }
        return List.of(NnData.fromFloats(x.dtype(), ys, out));
    }

    private void checkRank(int rank, String what) {
        if (rank < 3) throw new IllegalArgumentException(name() + " expects X of rank >= 3 (N x C x D1...), got " + what);
    }

    private IllegalArgumentException badType(DType t) {
        return new IllegalArgumentException(name() + " does not support " + t + " input");
    }
}
