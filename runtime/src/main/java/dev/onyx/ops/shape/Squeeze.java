package dev.onyx.ops.shape;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/** ONNX Squeeze: removes size-1 axes (all of them, or those listed: attribute before opset 13, input after). */
public final class Squeeze implements Op {
    private final long[] attrAxes;
    private final boolean axesInput;

    private Squeeze(long[] attrAxes, boolean axesInput) {
        this.attrAxes = attrAxes;
        this.axesInput = axesInput;
    }

    static Op create(NodeContext ctx) {
        if (ctx.opset() < 13) {
            ctx.expectInputs(1, 1);
            long[] axes = ctx.attrs().getInts("axes");
            // negative axes are accepted at every opset, as ONNX Runtime does (the spec allows them from 11)
            return new Squeeze(axes, false);
        }
        ctx.expectInputs(1, 2);
        return new Squeeze(null, ctx.hasInput(1));
    }

    /** Which axes to drop, or null when every size-1 axis goes. */
    private static boolean[] drop(long[] axes, int rank) {
        boolean[] d = new boolean[rank];
        for (long a : axes) {
            int k = ShapeUtil.axis(a, rank, "Squeeze");
            if (d[k]) throw new IllegalArgumentException("axes " + java.util.Arrays.toString(axes) + " repeat axis " + k);
            d[k] = true;
        }
        return d;
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        Fact x = inputs.get(0);
        long[] axes = axesInput ? ShapeUtil.constLongs(inputs.get(1)) : attrAxes;
        if (axesInput && axes == null) return List.of(Fact.unknownShape(x.dtype()));
        if (!x.hasRank()) {
            return List.of(Fact.unknownShape(x.dtype()));
        }
        List<Dim> out = new ArrayList<>();
        if (axes == null) {
            for (Dim d : x.dims()) {
                if (!d.isKnown()) return List.of(Fact.unknownShape(x.dtype()));
                if (d.value() != 1) out.add(d);
            }
        } else {
            boolean[] d = drop(axes, x.rank());
            for (int i = 0; i < x.rank(); i++) {
                Dim dim = x.dims().get(i);
                if (d[i] && dim.isKnown() && dim.value() != 1) {
                    throw new IllegalArgumentException("cannot squeeze axis " + i + " of size " + dim.value());
                }
                if (!d[i]) out.add(dim);
            }
        }
        Tensor c = x.constant();
        if (c != null) {
            int[] s = new int[out.size()];
            for (int i = 0; i < s.length; i++) s[i] = (int) out.get(i).value();
            return List.of(Fact.constant(c.reshape(s)));
        }
        return List.of(Fact.of(x.dtype(), out));
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        long[] axes = axesInput ? ShapeUtil.longs(inputs.get(1), "input 'axes'") : attrAxes;
        int[] s = x.shape();
        int[] out = new int[s.length];
        int n = 0;
        if (axes == null) {
            for (int d : s) if (d != 1) out[n++] = d;
        } else {
            boolean[] d = drop(axes, s.length);
            for (int i = 0; i < s.length; i++) {
                if (d[i] && s[i] != 1) {
                    throw new IllegalArgumentException("cannot squeeze axis " + i + " of size " + s[i]
                            + " in shape " + Shapes.toString(s));
                }
                if (!d[i]) out[n++] = s[i];
            }
        }
        return List.of(x.reshape(java.util.Arrays.copyOf(out, n)));
    }
}
