package dev.onyx.ops.shape;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.kernel.Copy;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/** ONNX OneHot: a new axis of length depth holding values[1] where the (negative-wrapped) index points, values[0] elsewhere. */
public final class OneHot implements Op {
    private final long axis;

    private OneHot(long axis) { this.axis = axis; }

    static Op create(NodeContext ctx) {
        ctx.expectInputs(3, 3);
        return new OneHot(ctx.attrs().getInt("axis", -1));
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        Fact idx = inputs.get(0);
        Fact values = inputs.get(2);
        if (!idx.hasRank()) return List.of(Fact.unknownShape(values.dtype()));
        int r = idx.rank() + 1;
        int a = ShapeUtil.axis(axis, r, "OneHot");
        Tensor d = inputs.get(1).constant();
        List<Dim> out = new ArrayList<>(idx.dims());
        out.add(a, d != null && d.size() == 1 ? Dim.of(depth(d)) : Dim.UNKNOWN);
        return List.of(Fact.of(values.dtype(), out));
    }

    private static long depth(Tensor d) {
        if (d.size() != 1) throw new IllegalArgumentException("depth: expected a single value, got " + d.size());
        double v = d.getDouble(0);
        if (!(v >= 1) || v > Integer.MAX_VALUE) throw new IllegalArgumentException("depth " + v + " is out of range");
        return (long) v;
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor indices = inputs.get(0), values = inputs.get(2);
        if (values.size() != 2) throw new IllegalArgumentException("values: expected 2 elements, got " + values.size());
        int depth = (int) depth(inputs.get(1));
        int[] is = indices.shape();
        int r = is.length + 1;
        int a = ShapeUtil.axis(axis, r, "OneHot");
        int[] os = new int[r];
        for (int i = 0, k = 0; i < r; i++) os[i] = i == a ? depth : is[k++];
        int outer = Shapes.product(is, 0, a), inner = Shapes.product(is, a, is.length);
        Object dst = Copy.allocLike(values.storage(), Shapes.size(os));
        Copy.fill(dst, values.storage(), 0);
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int p = o * inner + i;
                double v = indices.dtype().isIntegral() ? indices.getLong(p) : indices.getDouble(p);
                long k = (long) v;
                if (k < 0) k += depth;
                if (k < 0 || k >= depth) continue;
                System.arraycopy(values.storage(), 1, dst, (o * depth + (int) k) * inner + i, 1);
            }
        }
        return List.of(Tensor.wrap(values.dtype(), os, dst));
    }
}
