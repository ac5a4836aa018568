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

/** ONNX Slice: starts/ends/axes attributes before opset 10; inputs with steps after; clamps like numpy. */
public final class Slice implements Op {
    private final long[] attrStarts;
    private final long[] attrEnds;
    private final long[] attrAxes;

    private Slice(long[] starts, long[] ends, long[] axes) {
        this.attrStarts = starts;
        this.attrEnds = ends;
        this.attrAxes = axes;
    }

    static Op create(NodeContext ctx) {
        if (ctx.opset() < 10) {
            ctx.expectInputs(1, 1);
            long[] starts = ctx.attrs().getInts("starts");
            long[] ends = ctx.attrs().getInts("ends");
            if (starts == null) throw ctx.invalid("missing required attribute 'starts'");
            if (ends == null) throw ctx.invalid("missing required attribute 'ends'");
            long[] axes = ctx.attrs().getInts("axes");
            if (starts.length != ends.length || axes != null && axes.length != starts.length) {
                throw ctx.invalid("attributes 'starts', 'ends' and 'axes' have different lengths");
            }
            return new Slice(starts, ends, axes);
        }
        ctx.expectInputs(3, 5);
        return new Slice(null, null, null);
    }

    /** Per input axis: first index, count and step of the slice. */
    record Plan(int[] first, int[] count, int[] step) {}

    static Plan plan(int[] shape, long[] starts, long[] ends, long[] axes, long[] steps) {
        int rank = shape.length;
        if (starts.length != ends.length) {
            throw new IllegalArgumentException("starts has " + starts.length + " values, ends has " + ends.length);
        }
        if (axes != null && axes.length != starts.length) {
            throw new IllegalArgumentException("axes has " + axes.length + " values, starts has " + starts.length);
        }
        if (steps != null && steps.length != starts.length) {
            throw new IllegalArgumentException("steps has " + steps.length + " values, starts has " + starts.length);
        }
        int[] first = new int[rank];
        int[] count = shape.clone();
        int[] step = new int[rank];
        java.util.Arrays.fill(step, 1);
        boolean[] seen = new boolean[rank];
        for (int i = 0; i < starts.length; i++) {
            int a = ShapeUtil.axis(axes == null ? i : axes[i], rank, "Slice");
            if (seen[a]) throw new IllegalArgumentException("axis " + a + " is sliced twice");
            seen[a] = true;
            long st = steps == null ? 1 : steps[i];
            if (st == 0) throw new IllegalArgumentException("step 0 on axis " + a);
            long[] r = range(shape[a], starts[i], ends[i], st);
            first[a] = (int) r[0];
            count[a] = (int) r[1];
            step[a] = (int) Math.max(Integer.MIN_VALUE / 2, Math.min(Integer.MAX_VALUE / 2, st));
        }
        return new Plan(first, count, step);
    }

    /** {first, count} for one axis of length dim. */
    static long[] range(long dim, long start, long end, long step) {
        if (start < 0) start += dim;
        if (end < 0) end += dim;
        long count;
        if (step > 0) {
            start = Math.max(0, Math.min(dim, start));
            end = Math.max(0, Math.min(dim, end));
            count = end > start ? (end - start - 1) / step + 1 : 0;
        } else {
            start = Math.max(0, Math.min(dim - 1, start));
            end = Math.max(-1, Math.min(dim - 1, end));
            count = start > end ? (start - end - 1) / -Math.max(step, -Long.MAX_VALUE) + 1 : 0;
        }
        return new long[] {count == 0 ? 0 : start, count};
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        Fact x = inputs.get(0);
        long[] starts = attrStarts != null ? attrStarts : ShapeUtil.constLongs(inputs.get(1));
        long[] ends = attrStarts != null ? attrEnds : ShapeUtil.constLongs(inputs.get(2));
        long[] axes = attrStarts != null ? attrAxes : opt(inputs, 3);
        long[] steps = attrStarts != null ? null : opt(inputs, 4);
        if (!x.hasRank()) return List.of(Fact.unknownShape(x.dtype()));
        boolean axesKnown = attrStarts != null || inputs.size() <= 3 || inputs.get(3) == null || axes != null;
        boolean stepsKnown = attrStarts != null || inputs.size() <= 4 || inputs.get(4) == null || steps != null;
        if (starts == null || ends == null || !axesKnown || !stepsKnown) {
            return List.of(Fact.of(x.dtype(), ShapeUtil.unknownDims(x.rank())));
        }
        int rank = x.rank();
        List<Dim> out = new ArrayList<>(x.dims());
        boolean[] seen = new boolean[rank];
        for (int i = 0; i < starts.length && i < ends.length; i++) {
            int a = ShapeUtil.axis(axes == null ? i : axes[i], rank, "Slice");
            if (seen[a]) throw new IllegalArgumentException("axis " + a + " is sliced twice");
            seen[a] = true;
            Dim d = x.dims().get(a);
            long st = steps == null || i >= steps.length ? 1 : steps[i];
            if (st == 0) throw new IllegalArgumentException("step 0 on axis " + a);
            out.set(a, d.isKnown() ? Dim.of(range(d.value(), starts[i], ends[i], st)[1]) : Dim.UNKNOWN);
        }
        return List.of(Fact.of(x.dtype(), out));
    }

    private static long[] opt(List<Fact> inputs, int i) {
        return inputs.size() > i ? ShapeUtil.constLongs(inputs.get(i)) : null;
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        long[] starts, ends, axes, steps = null;
        if (attrStarts != null) {
            starts = attrStarts;
            ends = attrEnds;
            axes = attrAxes;
        } else {
            starts = ShapeUtil.longs(inputs.get(1), "input 'starts'");
            ends = ShapeUtil.longs(inputs.get(2), "input 'ends'");
            axes = inputs.size() > 3 && inputs.get(3) != null ? ShapeUtil.longs(inputs.get(3), "input 'axes'") : null;
            steps = inputs.size() > 4 && inputs.get(4) != null ? ShapeUtil.longs(inputs.get(4), "input 'steps'") : null;
        }
        int[] shape = x.shape();
        Plan p = plan(shape, starts, ends, axes, steps);
        int[] strides = Shapes.strides(shape);
        int offset = 0;
        int[] st = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            offset += p.first()[i] * strides[i];
            st[i] = strides[i] * p.step()[i];
        }
        if (Shapes.size(p.count()) == 0) return List.of(Tensor.zeros(x.dtype(), p.count()));
        return List.of(Tensor.wrap(x.dtype(), p.count(), Copy.strided(x.storage(), offset, p.count(), st)));
    }
}
