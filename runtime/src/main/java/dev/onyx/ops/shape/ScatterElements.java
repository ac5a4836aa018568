package dev.onyx.ops.shape;

import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.List;

/** ONNX ScatterElements (and the older Scatter): writes updates into a copy of data at indices along an axis. */
public final class ScatterElements implements Op {
    private final long axis;
    private final Reduction reduction;

    private ScatterElements(long axis, Reduction reduction) {
        this.axis = axis;
        this.reduction = reduction;
    }

    static Op create(NodeContext ctx) {
        ctx.expectInputs(3, 3);
        return new ScatterElements(ctx.attrs().getInt("axis", 0), Reduction.parse(ctx));
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        return List.of(ShapeUtil.like(inputs.get(0)));
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor data = inputs.get(0), indices = inputs.get(1), updates = inputs.get(2);
        if (!java.util.Arrays.equals(indices.shape(), updates.shape())) {
            throw new IllegalArgumentException("indices shape " + Shapes.toString(indices.shape())
                    + " differs from updates shape " + Shapes.toString(updates.shape()));
        }
        if (updates.dtype() != data.dtype()) {
            throw new IllegalArgumentException("updates have type " + updates.dtype() + ", data has " + data.dtype());
        }
        int a = ShapeUtil.axis(axis, data.rank(), "ScatterElements");
        int[] ds = data.shape(), is = indices.shape();
        for (int d = 0; d < ds.length && d < is.length; d++) {
            if (d != a && is[d] > ds[d]) {
                throw new IllegalArgumentException("indices shape " + Shapes.toString(is) + " exceeds data shape "
                        + Shapes.toString(ds) + " on axis " + d);
            }
        }
        int[] pos = GatherElements.positions(ds, is, ShapeUtil.longs(indices, "indices"), a, "ScatterElements");
        Tensor.Writer w = Reduction.copyOf(data);
        Tensor view = Tensor.wrap(data.dtype(), ds, w.storage());
        for (int i = 0; i < pos.length; i++) reduction.apply(w, view, pos[i], updates, i);
        return List.of(w.done());
    }
}
