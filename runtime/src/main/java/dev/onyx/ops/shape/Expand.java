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

/** ONNX Expand: broadcasts the input to the bidirectional broadcast of its shape and the given shape. */
public final class Expand implements Op {
    static Op create(NodeContext ctx) {
        ctx.expectInputs(2, 2);
        return new Expand();
    }

    /** Broadcast of two dim lists; symbolic dims meet 1 as themselves, anything else as unknown. */
    static List<Dim> broadcast(List<Dim> a, List<Dim> b) {
        int rank = Math.max(a.size(), b.size());
        List<Dim> out = new ArrayList<>(rank);
        for (int i = 0; i < rank; i++) {
            Dim da = i < rank - a.size() ? Dim.of(1) : a.get(i - (rank - a.size()));
            Dim db = i < rank - b.size() ? Dim.of(1) : b.get(i - (rank - b.size()));
            if (da.isKnown() && db.isKnown()) {
                long x = da.value(), y = db.value();
                if (x != y && x != 1 && y != 1) {
                    throw new IllegalArgumentException("shapes " + a + " and " + b + " do not broadcast (axis " + i + ": " + x + " vs " + y + ")");
                }
                out.add(Dim.of(x == 1 ? y : x));
            } else if (da.isKnown() && da.value() == 1) {
                out.add(db);
            } else if (db.isKnown() && db.value() == 1) {
                out.add(da);
            } else if (da.isKnown()) {
                out.add(da);
            } else if (db.isKnown()) {
                out.add(db);
            } else if (da.equals(db)) {
                out.add(da);
            } else {
                out.add(Dim.UNKNOWN);
            }
        }
        return out;
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        Fact x = inputs.get(0);
        long[] shape = ShapeUtil.constLongs(inputs.get(1));
        if (shape == null) {
            Fact s = inputs.get(1);
            if (x.hasRank() && s.isStatic() && s.rank() == 1) {
                return List.of(Fact.of(x.dtype(), ShapeUtil.unknownDims(Math.max(x.rank(), s.staticShape()[0]))));
            }
            return List.of(Fact.unknownShape(x.dtype()));
        }
        if (!x.hasRank()) return List.of(Fact.unknownShape(x.dtype()));
        List<Dim> target = new ArrayList<>();
        for (long v : shape) target.add(Dim.of(v));
        return List.of(Fact.of(x.dtype(), broadcast(x.dims(), target)));
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        int[] target = ShapeUtil.shape(ShapeUtil.longs(inputs.get(1), "input 'shape'"), "Expand");
        int[] out = Shapes.broadcast(x.shape(), target);
        Shapes.size(out);
        if (java.util.Arrays.equals(out, x.shape())) return List.of(x);
        int[] strides = Shapes.broadcastStrides(x.shape(), out);
        return List.of(Tensor.wrap(x.dtype(), out, Copy.strided(x.storage(), 0, out, strides)));
    }
}
