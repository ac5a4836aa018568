package dev.onyx.ops.image;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** ONNX MaxUnpool (opsets 9, 11+): scatters pooled values back to the flat positions given by the MaxPool indices. */
public final class MaxUnpool implements Op {
    private final int[] kernel, strides, pads;

    private MaxUnpool(int[] kernel, int[] strides, int[] pads) {
        this.kernel = kernel;
        this.strides = strides;
        this.pads = pads;
    }

    static Op create(NodeContext ctx) {
        ctx.expectInputs(2, 3);
        var a = ctx.attrs();
        int[] k = a.getIntArray("kernel_shape");
        if (k == null || k.length == 0) throw ctx.invalid("missing required attribute 'kernel_shape'");
        int[] s = a.getIntArray("strides");
        int[] p = a.getIntArray("pads");
        if (s != null && s.length != k.length) throw ctx.invalid("attribute 'strides': expected " + k.length + " values, got " + s.length);
        if (p != null && p.length != 2 * k.length) throw ctx.invalid("attribute 'pads': expected " + 2 * k.length + " values, got " + p.length);
        for (int v : k) if (v < 1) throw ctx.invalid("attribute 'kernel_shape' must be positive, got " + Arrays.toString(k));
        if (s != null) for (int v : s) if (v < 1) throw ctx.invalid("attribute 'strides' must be positive, got " + Arrays.toString(s));
        if (p != null) for (int v : p) if (v < 0) throw ctx.invalid("attribute 'pads' must be non-negative, got " + Arrays.toString(p));
        return new MaxUnpool(k, s, p);
    }

    private long inferred(int i, long in) {
        int r = kernel.length;
        long s = strides == null ? 1 : strides[i];
        long p = pads == null ? 0 : pads[i] + (long) pads[i + r];
        return (in - 1) * s - p + kernel[i];
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        Fact x = inputs.get(0);
        Fact os = inputs.size() > 2 ? inputs.get(2) : null;
        if (os != null) {
            if (os.constant() != null) {
                long[] v = ImageData.longs(os.constant(), "output_shape");
                List<Dim> d = new ArrayList<>();
                for (long l : v) d.add(Dim.of(l));
                return List.of(Fact.of(x.dtype(), d));
            }
            return List.of(Fact.unknownShape(x.dtype()));
        }
        if (!x.hasRank()) return List.of(Fact.unknownShape(x.dtype()));
        if (x.rank() != kernel.length + 2) {
            throw new IllegalArgumentException("X " + x.describe() + " must have rank " + (kernel.length + 2));
        }
        List<Dim> d = new ArrayList<>(x.dims().subList(0, 2));
        for (int i = 0; i < kernel.length; i++) {
            Dim in = x.dims().get(i + 2);
            d.add(in.isKnown() ? Dim.of(inferred(i, in.value())) : Dim.UNKNOWN);
        }
        return List.of(Fact.of(x.dtype(), d));
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor x = inputs.get(0), ind = inputs.get(1);
        Tensor osT = inputs.size() > 2 ? inputs.get(2) : null;
        int rank = x.rank();
        if (rank != kernel.length + 2) {
            throw new IllegalArgumentException("X has shape " + Shapes.toString(x.shape()) + " but kernel_shape has " + kernel.length + " axes");
        }
        if (!Arrays.equals(ind.shape(), x.shape())) {
            throw new IllegalArgumentException("indices I have shape " + Shapes.toString(ind.shape()) + " but X has " + Shapes.toString(x.shape()));
        }
        int[] inferred = new int[rank];
        inferred[0] = x.dim(0);
        inferred[1] = x.dim(1);
        for (int i = 0; i < kernel.length; i++) {
            long v = inferred(i, x.dim(i + 2));
            if (v < 0 || v > Integer.MAX_VALUE) throw new IllegalArgumentException("invalid output dimension " + v);
            inferred[i + 2] = (int) v;
        }
        int total = Shapes.size(inferred);
        Object src = x.storage();
        Object dst = dev.onyx.kernel.Copy.allocLike(src, total);
        long[] idx = ImageData.longs(ind, "indices I");
        for (int i = 0; i < idx.length; i++) {
            long j = idx[i];
            if (j < 0 || j >= total) throw new IllegalArgumentException("index " + j + " at position " + i + " is outside the output of " + total + " elements");
            System.arraycopy(src, i, dst, (int) j, 1);
        }
        if (osT == null) return List.of(Tensor.wrap(x.dtype(), inferred, dst));
        // an explicit output_shape holds the unpooled tensor at its origin, zero-padded (or cropped) at the ends
        long[] v = ImageData.longs(osT, "output_shape");
        if (v.length != rank) throw new IllegalArgumentException("output_shape has " + v.length + " values, expected " + rank);
        int[] ys = new int[rank];
        for (int i = 0; i < rank; i++) {
            if (v[i] < 0 || v[i] > Integer.MAX_VALUE) throw new IllegalArgumentException("invalid output_shape " + java.util.Arrays.toString(v));
            ys[i] = (int) v[i];
        }
        Object out = dev.onyx.kernel.Copy.allocLike(src, Shapes.size(ys));
        int[] common = new int[rank];
        for (int i = 0; i < rank; i++) common[i] = Math.min(ys[i], inferred[i]);
        int n = Shapes.size(common);
        if (n > 0) {
            int[] si = Shapes.strides(inferred), so = Shapes.strides(ys), pos = new int[rank];
            int row = common[rank - 1];
            for (int k = 0; k < n / row; k++) {
                int a = 0, b = 0;
                for (int d = 0; d < rank - 1; d++) {
                    a += pos[d] * si[d];
                    b += pos[d] * so[d];
                }
                System.arraycopy(dst, a, out, b, row);
                for (int d = rank - 2; d >= 0; d--) {
                    if (++pos[d] < common[d]) break;
                    pos[d] = 0;
                }
            }
        }
        dst = out;
        return List.of(Tensor.wrap(x.dtype(), ys, dst));
    }
}
