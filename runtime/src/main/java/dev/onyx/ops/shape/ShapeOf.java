package dev.onyx.ops.shape;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;

import java.util.List;

/** ONNX Shape: the input's shape as int64, sliced by start/end from opset 15; a constant when those dims are known. */
public final class ShapeOf implements Op {
    private final long start;
    private final Long end;

    private ShapeOf(long start, Long end) {
        this.start = start;
        this.end = end;
    }

    static Op create(NodeContext ctx) {
        ctx.expectInputs(1, 1);
        if (ctx.opset() < 15) return new ShapeOf(0, null);
        long start = ctx.attrs().getInt("start", 0);
        Long end = ctx.attrs().has("end") ? ctx.attrs().requireInt("end") : null;
        return new ShapeOf(start, end);
    }

    private static int clamp(long v, int rank) {
        if (v < 0) v += rank;
        return (int) Math.max(0, Math.min(rank, v));
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        Fact x = inputs.get(0);
        if (!x.hasRank()) return List.of(Fact.of(DType.INT64, List.of(Dim.UNKNOWN)));
        int rank = x.rank();
        int s = clamp(start, rank);
        int e = end == null ? rank : clamp(end, rank);
        int n = Math.max(0, e - s);
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            Dim d = x.dims().get(s + i);
            if (!d.isKnown()) return List.of(Fact.of(DType.INT64, n));
            v[i] = d.value();
        }
        return List.of(Fact.constant(ShapeUtil.longVector(v)));
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        int[] shape = inputs.get(0).shape();
        int s = clamp(start, shape.length);
        int e = end == null ? shape.length : clamp(end, shape.length);
        int n = Math.max(0, e - s);
        long[] v = new long[n];
        for (int i = 0; i < n; i++) v[i] = shape[s + i];
        return List.of(ShapeUtil.longVector(v));
    }
}
