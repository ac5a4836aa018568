package dev.onyx.ops.shape;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/** ONNX Unsqueeze: inserts size-1 axes at output positions (attribute before opset 13, input after). */
public final class Unsqueeze implements Op {
    private final long[] attrAxes;

    private Unsqueeze(long[] attrAxes) { this.attrAxes = attrAxes; }

    static Op create(NodeContext ctx) {
        if (ctx.opset() < 13) {
            ctx.expectInputs(1, 1);
            long[] axes = ctx.attrs().getInts("axes");
            if (axes == null) throw ctx.invalid("missing required attribute 'axes'");
            // negative axes are accepted at every opset, as ONNX Runtime does (the spec allows them from 11)
            return new Unsqueeze(axes);
        }
        ctx.expectInputs(2, 2);
        return new Unsqueeze(null);
    }

    /** Marks the inserted axes of the output. */
    private static boolean[] inserted(long[] axes, int inRank) {
        int rank = inRank + axes.length;
        boolean[] ins = new boolean[rank];
        for (long a : axes) {
            int k = ShapeUtil.axis(a, rank, "Unsqueeze");
            if (ins[k]) throw new IllegalArgumentException("axes " + java.util.Arrays.toString(axes) + " repeat axis " + k);
            ins[k] = true;
        }
        return ins;
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        Fact x = inputs.get(0);
        long[] axes = attrAxes != null ? attrAxes : ShapeUtil.constLongs(inputs.get(1));
        if (axes == null || !x.hasRank()) {
            if (x.hasRank() && inputs.get(1).isStatic() && inputs.get(1).rank() == 1) {
                return List.of(Fact.of(x.dtype(), ShapeUtil.unknownDims(x.rank() + inputs.get(1).staticShape()[0])));
            }
            return List.of(Fact.unknownShape(x.dtype()));
        }
        boolean[] ins = inserted(axes, x.rank());
        List<Dim> out = new ArrayList<>();
        int k = 0;
        for (boolean b : ins) out.add(b ? Dim.of(1) : x.dims().get(k++));
        if (x.constant() != null) {
            int[] s = new int[out.size()];
            for (int i = 0; i < s.length; i++) s[i] = (int) out.get(i).value();
            return List.of(Fact.constant(x.constant().reshape(s)));
        }
        return List.of(Fact.of(x.dtype(), out));
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        long[] axes = attrAxes != null ? attrAxes : ShapeUtil.longs(inputs.get(1), "input 'axes'");
        boolean[] ins = inserted(axes, x.rank());
        int[] s = x.shape();
        int[] out = new int[ins.length];
        int k = 0;
        for (int i = 0; i < ins.length; i++) out[i] = ins[i] ? 1 : s[k++];
        return List.of(x.reshape(out));
    }
}
