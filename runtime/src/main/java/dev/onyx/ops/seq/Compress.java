package dev.onyx.ops.seq;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.kernel.Copy;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/** ONNX Compress: the slices along an axis (or elements of the flattened input) whose condition is true. */
final class Compress implements Op {
    private final Long axis;

    private Compress(Long axis) {
        this.axis = axis;
    }

    static Op create(NodeContext ctx) {
        ctx.expectInputs(2, 2);
        Long axis = ctx.attrs().has("axis") ? ctx.attrs().getInt("axis", 0) : null;
        if (axis != null && axis < 0 && ctx.opset() < 11) throw ctx.invalid("attribute 'axis': negative axis " + axis + " needs opset 11");
        return new Compress(axis);
    }

    @Override
    public List<Fact> infer(List<Fact> in) {
        Fact x = in.get(0);
        if (x == null) return List.of(Fact.UNKNOWN);
        if (axis == null || !x.hasRank()) return List.of(Fact.of(x.dtype(), axis == null ? List.of(Dim.UNKNOWN) : null));
        List<Dim> d = new ArrayList<>(x.dims());
        int r = d.size();
        if (axis < -r || axis >= r) throw new dev.onyx.InvalidModelException("attribute 'axis': " + axis + " is out of range for rank " + r);
        d.set((int) (axis < 0 ? axis + r : axis), Dim.UNKNOWN);
        return List.of(Fact.of(x.dtype(), d));
    }

    @Override
    public List<Tensor> run(List<Tensor> in) {
        Tensor x = in.get(0), cond = in.get(1);
        if (cond.rank() != 1) throw new IllegalArgumentException("input 'condition': expected a 1-D tensor, got " + cond);
        int[] s = axis == null ? new int[] {x.size()} : x.shape();
        int rank = s.length;
        int a = 0;
        if (axis != null) {
            if (axis < -rank || axis >= rank) throw new IllegalArgumentException("attribute 'axis': " + axis + " is out of range for rank " + rank);
            a = (int) (axis < 0 ? axis + rank : axis);
        }
        int len = s[a];
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < cond.size(); i++) {
            if (cond.getDouble(i) != 0) {
                if (i >= len) throw new IllegalArgumentException("input 'condition': true at " + i + " but the axis has " + len + " entries");
                keep.add(i);
            }
        }
        int outer = Shapes.product(s, 0, a), inner = Shapes.product(s, a + 1, rank);
        int[] os = s.clone();
        os[a] = keep.size();
        Object src = x.storage(), dst = Copy.allocLike(src, Shapes.size(os));
        int pos = 0;
        for (int o = 0; o < outer; o++) {
            for (int j : keep) {
                System.arraycopy(src, (o * len + j) * inner, dst, pos, inner);
                pos += inner;
            }
        }
        return List.of(Tensor.wrap(x.dtype(), os, dst));
    }
}
