package dev.onyx.ops.shape;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/** ONNX Gather: picks slices along an axis by (possibly negative) indices. */
public final class GatherOp implements Op {
    private final long axis;

    private GatherOp(long axis) { this.axis = axis; }

    static Op create(NodeContext ctx) {
        ctx.expectInputs(2, 2);
        return new GatherOp(ctx.attrs().getInt("axis", 0));
    }

    /** Indices normalized into [0, len); throws naming the bad index. */
    static int[] normalize(Tensor indices, int len) {
        long[] v = ShapeUtil.longs(indices, "indices");
        int[] r = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            long k = v[i] < 0 ? v[i] + len : v[i];
            if (k < 0 || k >= len) {
                throw new IllegalArgumentException("index " + v[i] + " is out of range for an axis of size " + len);
            }
            r[i] = (int) k;
        }
        return r;
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        Fact x = inputs.get(0);
        Fact idx = inputs.get(1);
        if (!x.hasRank() || !idx.hasRank()) return List.of(Fact.unknownShape(x.dtype()));
        int a = ShapeUtil.axis(axis, x.rank(), "Gather");
        List<Dim> out = new ArrayList<>(x.dims().subList(0, a));
        out.addAll(idx.dims());
        out.addAll(x.dims().subList(a + 1, x.rank()));
        return List.of(Fact.of(x.dtype(), out));
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        Tensor indices = inputs.get(1);
        int[] s = x.shape();
        int a = ShapeUtil.axis(axis, s.length, "Gather");
        int[] idx = normalize(indices, s[a]);
        int[] is = indices.shape();
        int[] out = new int[s.length - 1 + is.length];
        System.arraycopy(s, 0, out, 0, a);
        System.arraycopy(is, 0, out, a, is.length);
        System.arraycopy(s, a + 1, out, a + is.length, s.length - a - 1);
        Object data = dev.onyx.kernel.Gather.gather(x.storage(), Shapes.product(s, 0, a), s[a],
                Shapes.product(s, a + 1, s.length), idx);
        return List.of(Tensor.wrap(x.dtype(), out, data));
    }
}
