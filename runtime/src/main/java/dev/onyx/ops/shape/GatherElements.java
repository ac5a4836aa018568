package dev.onyx.ops.shape;

import dev.onyx.ir.Fact;
import dev.onyx.kernel.Copy;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.List;

/** ONNX GatherElements: out[i][j][k] = data[index][j][k] along the axis (shape of indices). */
public final class GatherElements implements Op {
    private final long axis;

    private GatherElements(long axis) { this.axis = axis; }

    static Op create(NodeContext ctx) {
        ctx.expectInputs(2, 2);
        return new GatherElements(ctx.attrs().getInt("axis", 0));
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        Fact idx = inputs.get(1);
        return List.of(new Fact(inputs.get(0).dtype(), idx.dims(), null));
    }

    /** Flat data positions addressed by each index element along the axis. */
    static int[] positions(int[] dataShape, int[] idxShape, long[] idx, int a, String op) {
        int rank = dataShape.length;
        if (idxShape.length != rank) {
            throw new IllegalArgumentException("indices have rank " + idxShape.length + ", data has rank " + rank);
        }
        int[] ds = Shapes.strides(dataShape);
        int[] pos = new int[idx.length];
        int[] c = new int[rank];
        int len = dataShape[a];
        for (int i = 0; i < idx.length; i++) {
            long k = idx[i] < 0 ? idx[i] + len : idx[i];
            if (k < 0 || k >= len) {
                throw new IllegalArgumentException(op + ": index " + idx[i] + " is out of range for axis " + a + " of size " + len);
            }
            int p = 0;
            for (int d = 0; d < rank; d++) p += (d == a ? (int) k : c[d]) * ds[d];
            pos[i] = p;
            for (int d = rank - 1; d >= 0; d--) {
                if (++c[d] < idxShape[d]) break;
                c[d] = 0;
            }
        }
        return pos;
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        Tensor indices = inputs.get(1);
        int a = ShapeUtil.axis(axis, x.rank(), "GatherElements");
        int[] is = indices.shape();
        int[] xs = x.shape();
        for (int d = 0; d < xs.length && d < is.length; d++) {
            if (d != a && is[d] > xs[d]) {
                throw new IllegalArgumentException("indices shape " + Shapes.toString(is) + " exceeds data shape "
                        + Shapes.toString(xs) + " on axis " + d);
            }
        }
        int[] pos = positions(xs, is, ShapeUtil.longs(indices, "indices"), a, "GatherElements");
        return List.of(Tensor.wrap(x.dtype(), is, Copy.take(x.storage(), pos)));
    }
}
