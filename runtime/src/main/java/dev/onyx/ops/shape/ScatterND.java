package dev.onyx.ops.shape;

import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.List;

/** ONNX ScatterND: writes update slices into a copy of data at positions given by the last axis of indices. */
public final class ScatterND implements Op {
    private final Reduction reduction;

    private ScatterND(Reduction reduction) { this.reduction = reduction; }

    static Op create(NodeContext ctx) {
        ctx.expectInputs(3, 3);
        return new ScatterND(Reduction.parse(ctx));
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        return List.of(ShapeUtil.like(inputs.get(0)));
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor data = inputs.get(0), indices = inputs.get(1), updates = inputs.get(2);
        int[] ds = data.shape(), is = indices.shape(), us = updates.shape();
        if (is.length < 1) throw new IllegalArgumentException("indices must have rank 1 or more");
        int k = is[is.length - 1];
        if (k > ds.length) throw new IllegalArgumentException("index depth " + k + " exceeds data rank " + ds.length);
        int q = is.length - 1;
        boolean ok = us.length == q + ds.length - k;
        for (int i = 0; ok && i < q; i++) ok = us[i] == is[i];
        for (int i = 0; ok && i < ds.length - k; i++) ok = us[q + i] == ds[k + i];
        if (!ok) {
            throw new IllegalArgumentException("updates shape " + Shapes.toString(us) + " does not match indices "
                    + Shapes.toString(is) + " and data " + Shapes.toString(ds));
        }
        if (updates.dtype() != data.dtype()) {
            throw new IllegalArgumentException("updates have type " + updates.dtype() + ", data has " + data.dtype());
        }
        int slice = Shapes.product(ds, k, ds.length);
        int n = Shapes.product(is, 0, q);
        int[] strides = Shapes.strides(ds);
        long[] idx = ShapeUtil.longs(indices, "indices");
        Tensor.Writer w = Reduction.copyOf(data);
        Tensor view = Tensor.wrap(data.dtype(), ds, w.storage());
        for (int j = 0; j < n; j++) {
            int p = 0;
            for (int t = 0; t < k; t++) {
                long v = idx[j * k + t];
                long x = v < 0 ? v + ds[t] : v;
                if (x < 0 || x >= ds[t]) {
                    throw new IllegalArgumentException("index " + v + " is out of range for axis " + t + " of size " + ds[t]);
                }
                p += (int) x * strides[t];
            }
            if (reduction == Reduction.NONE) {
                System.arraycopy(updates.storage(), j * slice, w.storage(), p, slice);
            } else {
                for (int e = 0; e < slice; e++) reduction.apply(w, view, p + e, updates, j * slice + e);
            }
        }
        return List.of(w.done());
    }
}
