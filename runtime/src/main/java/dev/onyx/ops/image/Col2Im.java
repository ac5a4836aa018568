package dev.onyx.ops.image;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.kernel.ConvTransposeKernel;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/** ONNX Col2Im (opset 18+): sums sliding blocks [N, C*prod(block), L] back into an image [N, C, image...]. */
public final class Col2Im implements Op {
    private final int[] dilations, pads, strides;

    private Col2Im(int[] dilations, int[] pads, int[] strides) {
        this.dilations = dilations;
        this.pads = pads;
        this.strides = strides;
    }

    static Op create(NodeContext ctx) {
        ctx.expectInputs(3, 3);
        var a = ctx.attrs();
        int[] d = a.getIntArray("dilations"), p = a.getIntArray("pads"), s = a.getIntArray("strides");
        if (d != null) for (int v : d) if (v < 1) throw ctx.invalid("attribute 'dilations' must be positive");
        if (s != null) for (int v : s) if (v < 1) throw ctx.invalid("attribute 'strides' must be positive");
        if (p != null) for (int v : p) if (v < 0) throw ctx.invalid("attribute 'pads' must be non-negative");
        return new Col2Im(d, p, s);
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        Fact x = inputs.get(0), img = inputs.get(1), blk = inputs.get(2);
        List<Dim> d = new ArrayList<>();
        Dim n = x.hasRank() ? x.dims().get(0) : Dim.UNKNOWN;
        d.add(n);
        if (img.constant() != null && blk.constant() != null && x.hasRank() && x.dims().get(1).isKnown()) {
            long kk = 1;
            for (long v : ImageData.longs(blk.constant(), "block_shape")) kk *= v;
            d.add(kk > 0 ? Dim.of(x.dims().get(1).value() / kk) : Dim.UNKNOWN);
        } else {
            d.add(Dim.UNKNOWN);
        }
        if (img.constant() != null) {
            for (long v : ImageData.longs(img.constant(), "image_shape")) d.add(Dim.of(v));
            return List.of(Fact.of(x.dtype(), d));
        }
        if (img.hasRank() && img.isStatic()) {
            for (int i = 0; i < img.staticShape()[0]; i++) d.add(Dim.UNKNOWN);
            return List.of(Fact.of(x.dtype(), d));
        }
        return List.of(Fact.unknownShape(x.dtype()));
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        long[] image = ImageData.longs(inputs.get(1), "image_shape");
        long[] block = ImageData.longs(inputs.get(2), "block_shape");
        int r = image.length;
        if (block.length != r) throw new IllegalArgumentException("block_shape has " + block.length + " values but image_shape has " + r);
        if (x.rank() != 3) throw new IllegalArgumentException("input must have rank 3 [N, C*prod(block_shape), L], got " + Shapes.toString(x.shape()));
        if (!ImageData.isFloat(x.dtype()) && !x.dtype().isInteger()) throw new IllegalArgumentException("input must be numeric, got " + x.dtype());
        int[] in = new int[r], k = new int[r], st = new int[r], dl = new int[r], pb = new int[r], out = new int[r];
        long blocks = 1, kk = 1;
        for (int i = 0; i < r; i++) {
            if (image[i] < 1 || image[i] > Integer.MAX_VALUE || block[i] < 1 || block[i] > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("image_shape and block_shape must be positive, got " + java.util.Arrays.toString(image)
                        + " and " + java.util.Arrays.toString(block));
            }
            st[i] = at(strides, i, r, 1, "strides");
            dl[i] = at(dilations, i, r, 1, "dilations");
            pb[i] = pads == null ? 0 : check(pads, 2 * r)[i];
            int pe = pads == null ? 0 : pads[i + r];
            k[i] = (int) block[i];
            out[i] = (int) image[i];
            long eff = (block[i] - 1) * dl[i] + 1;
            long n = (image[i] + pb[i] + pe - eff) / st[i] + 1;
            if (image[i] + pb[i] + pe < eff) n = 0;
            in[i] = (int) n;
            blocks *= n;
            kk *= block[i];
        }
        int nb = x.dim(0);
        if (x.dim(1) % kk != 0) throw new IllegalArgumentException("input dim 1 (" + x.dim(1) + ") is not a multiple of prod(block_shape) = " + kk);
        if (x.dim(2) != blocks) throw new IllegalArgumentException("input dim 2 (" + x.dim(2) + ") must be the number of blocks " + blocks);
        int c = (int) (x.dim(1) / kk);
        int[] ys = new int[r + 2];
        ys[0] = nb;
        ys[1] = c;
        System.arraycopy(out, 0, ys, 2, r);
        var g = new ConvTransposeKernel.Geometry(in, k, st, dl, pb, out);
        int os = Shapes.product(ys, 2, r + 2);
        int colBlock = (int) (kk * blocks);
        if (x.dtype() == DType.DOUBLE || !ImageData.isFloat(x.dtype())) {
            double[] xd = ImageData.doubles(x), y = new double[Shapes.size(ys)];
            for (int i = 0; i < nb * c; i++) ConvTransposeKernel.col2im(xd, i * colBlock, y, i * os, g);
            return List.of(ImageData.fromDoubles(x.dtype(), ys, y));
        }
        float[] xf = ImageData.floats(x), y = new float[Shapes.size(ys)];
        for (int i = 0; i < nb * c; i++) ConvTransposeKernel.col2im(xf, i * colBlock, y, i * os, g);
        return List.of(ImageData.fromFloats(x.dtype(), ys, y));
    }

    private static int[] check(int[] a, int n) {
        if (a.length != n) throw new IllegalArgumentException("attribute 'pads' has " + a.length + " values, expected " + n);
        return a;
    }

    private static int at(int[] a, int i, int r, int dflt, String name) {
        if (a == null) return dflt;
        if (a.length != r) throw new IllegalArgumentException("attribute '" + name + "' has " + a.length + " values, expected " + r);
        return a[i];
    }
}
