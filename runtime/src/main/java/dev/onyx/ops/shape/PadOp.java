package dev.onyx.ops.shape;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.kernel.Pad;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * ONNX Pad: constant/reflect/edge (and wrap from opset 19) padding; pads and value are attributes before
 * opset 11 ('paddings' in opset 1), inputs after; an axes input from opset 18. Negative pads crop.
 */
public final class PadOp implements Op {
    private final Pad.Mode mode;
    private final long[] attrPads;
    private final Float attrValue;

    private PadOp(Pad.Mode mode, long[] attrPads, Float attrValue) {
        this.mode = mode;
        this.attrPads = attrPads;
        this.attrValue = attrValue;
    }

    static Op create(NodeContext ctx) {
        String m = ctx.attrs().getString("mode", "constant");
        Pad.Mode mode = switch (m) {
            case "constant" -> Pad.Mode.CONSTANT;
            case "reflect" -> Pad.Mode.REFLECT;
            case "edge" -> Pad.Mode.EDGE;
            case "wrap" -> {
                if (ctx.opset() < 19) throw ctx.invalid("attribute 'mode': 'wrap' needs opset 19");
                yield Pad.Mode.WRAP;
            }
            default -> throw ctx.invalid("attribute 'mode': unknown mode '" + m + "'");
        };
        if (ctx.opset() < 11) {
            ctx.expectInputs(1, 1);
            String name = ctx.opset() < 2 ? "paddings" : "pads";
            long[] pads = ctx.attrs().getInts(name);
            if (pads == null) throw ctx.invalid("missing required attribute '" + name + "'");
            if (pads.length % 2 != 0) throw ctx.invalid("attribute '" + name + "': odd number of values " + pads.length);
            return new PadOp(mode, pads, ctx.attrs().getFloat("value", 0f));
        }
        ctx.expectInputs(2, ctx.opset() >= 18 ? 4 : 3);
        return new PadOp(mode, null, null);
    }

    /** Begin/end pads per axis of an input of the given rank. */
    private static int[][] pads(long[] pads, long[] axes, int rank) {
        int[] before = new int[rank];
        int[] after = new int[rank];
        int n = axes == null ? rank : axes.length;
        if (pads.length != 2 * n) {
            throw new IllegalArgumentException("pads has " + pads.length + " values, expected " + 2 * n
                    + (axes == null ? " for rank " + rank : " for " + n + " axes"));
        }
        boolean[] seen = new boolean[rank];
        for (int i = 0; i < n; i++) {
            int a = axes == null ? i : ShapeUtil.axis(axes[i], rank, "Pad");
            if (seen[a]) throw new IllegalArgumentException("axis " + a + " appears twice in axes");
            seen[a] = true;
            before[a] = ShapeUtil.toInt(pads[i], "pads");
            after[a] = ShapeUtil.toInt(pads[i + n], "pads");
        }
        return new int[][] {before, after};
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        Fact x = inputs.get(0);
        if (!x.hasRank()) return List.of(Fact.unknownShape(x.dtype()));
        long[] p = attrPads != null ? attrPads : ShapeUtil.constLongs(inputs.get(1));
        boolean hasAxes = attrPads == null && inputs.size() > 3 && inputs.get(3) != null;
        long[] axes = hasAxes ? ShapeUtil.constLongs(inputs.get(3)) : null;
        if (p == null || hasAxes && axes == null) return List.of(Fact.of(x.dtype(), ShapeUtil.unknownDims(x.rank())));
        int[][] bp = pads(p, axes, x.rank());
        List<Dim> out = new ArrayList<>();
        for (int i = 0; i < x.rank(); i++) {
            Dim d = x.dims().get(i);
            int add = bp[0][i] + bp[1][i];
            out.add(add == 0 ? d : d.isKnown() ? Dim.of(d.value() + add) : Dim.UNKNOWN);
        }
        return List.of(Fact.of(x.dtype(), out));
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        long[] p;
        long[] axes = null;
        Object fill;
        if (attrPads != null) {
            p = attrPads;
            fill = x.dtype() == dev.onyx.tensor.DType.STRING ? new String[] {""}
                    : Tensor.fromDoubles(x.dtype(), new int[] {1}, new double[] {attrValue}).storage();
        } else {
            p = ShapeUtil.longs(inputs.get(1), "input 'pads'");
            Tensor v = inputs.size() > 2 ? inputs.get(2) : null;
            if (v != null && v.size() > 0) {
                if (v.dtype() != x.dtype()) {
                    throw new IllegalArgumentException("constant_value has type " + v.dtype() + ", data has " + x.dtype());
                }
                fill = v.storage();
            } else {
                fill = Tensor.zeros(x.dtype(), 1).storage();
            }
            if (inputs.size() > 3 && inputs.get(3) != null) axes = ShapeUtil.longs(inputs.get(3), "input 'axes'");
        }
        int[][] bp = pads(p, axes, x.rank());
        int[] s = x.shape();
        int[] out = new int[s.length];
        long[] outL = new long[s.length];
        for (int i = 0; i < s.length; i++) outL[i] = (long) s[i] + bp[0][i] + bp[1][i];
        out = ShapeUtil.shape(outL, "Pad");
        return List.of(Tensor.wrap(x.dtype(), out, Pad.pad(x.storage(), s, bp[0], bp[1], mode, fill)));
    }
}
