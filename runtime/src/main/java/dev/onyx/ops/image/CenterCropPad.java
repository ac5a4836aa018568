package dev.onyx.ops.image;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/** ONNX CenterCropPad (opset 18+): crops or zero-pads the chosen axes around their centers to the given sizes. */
public final class CenterCropPad implements Op {
    private final int[] axes;

    private CenterCropPad(int[] axes) {
        this.axes = axes;
    }

    static Op create(NodeContext ctx) {
        ctx.expectInputs(2, 2);
        return new CenterCropPad(ctx.attrs().getIntArray("axes"));
    }

    private int[] axesFor(int rank, int n) {
        int[] ax = new int[axes == null ? rank : axes.length];
        boolean[] seen = new boolean[rank];
        for (int i = 0; i < ax.length; i++) {
            ax[i] = axes == null ? i : Shapes.axis(axes[i], rank);
            if (seen[ax[i]]) throw new IllegalArgumentException("attribute 'axes' repeats axis " + ax[i]);
            seen[ax[i]] = true;
        }
        if (n != ax.length) throw new IllegalArgumentException("'shape' has " + n + " values but " + ax.length + " axes are cropped/padded");
        return ax;
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        Fact x = inputs.get(0), s = inputs.get(1);
        if (!x.hasRank()) return List.of(Fact.unknownShape(x.dtype()));
        List<Dim> d = new ArrayList<>(x.dims());
        if (s.constant() == null) {
            if (axes == null) for (int i = 0; i < d.size(); i++) d.set(i, Dim.UNKNOWN);
            else for (int a : axes) d.set(Shapes.axis(a, d.size()), Dim.UNKNOWN);
            return List.of(Fact.of(x.dtype(), d));
        }
        long[] v = ImageData.longs(s.constant(), "shape");
        int[] ax = axesFor(d.size(), v.length);
        for (int i = 0; i < ax.length; i++) d.set(ax[i], Dim.of(v[i]));
        return List.of(Fact.of(x.dtype(), d));
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        long[] v = ImageData.longs(inputs.get(1), "shape");
        int rank = x.rank();
        int[] ax = axesFor(rank, v.length);
        int[] in = x.shape(), out = x.shape();
        int[] srcStart = new int[rank], dstStart = new int[rank], len = x.shape();
        for (int i = 0; i < ax.length; i++) {
            int a = ax[i];
            if (v[i] < 0 || v[i] > Integer.MAX_VALUE) throw new IllegalArgumentException("'shape' values must be non-negative, got " + v[i]);
            int t = (int) v[i];
            out[a] = t;
            if (t < in[a]) {
                srcStart[a] = (in[a] - t) / 2;
                len[a] = t;
            } else if (t > in[a]) {
                dstStart[a] = (t - in[a]) / 2;
                len[a] = in[a];
            }
        }
        int total = Shapes.size(out);
        Object src = x.storage();
        Object dst = dev.onyx.kernel.Copy.allocLike(src, total);
        int count = Shapes.size(len);
        if (count > 0) {
            int[] ss = Shapes.strides(in), ds = Shapes.strides(out);
            int last = rank - 1;
            int[] idx = new int[rank];
            int rows = count / (rank == 0 ? 1 : len[last]);
            for (int r = 0; r < rows; r++) {
                int so = 0, dof = 0;
                for (int d = 0; d < rank; d++) {
                    int pos = d == last ? 0 : idx[d];
                    so += (srcStart[d] + pos) * ss[d];
                    dof += (dstStart[d] + pos) * ds[d];
                }
                System.arraycopy(src, so, dst, dof, rank == 0 ? 1 : len[last]);
                for (int d = last - 1; d >= 0; d--) {
                    if (++idx[d] < len[d]) break;
                    idx[d] = 0;
                }
            }
        }
        return List.of(Tensor.wrap(x.dtype(), out, dst));
    }
}
