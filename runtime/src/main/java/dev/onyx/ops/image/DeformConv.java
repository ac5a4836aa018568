package dev.onyx.ops.image;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.Arrays;
import java.util.List;

/** ONNX DeformConv (opset 19+), 2-D: convolution sampling the input bilinearly at learned offsets, with optional mask and bias. */
public final class DeformConv implements Op {
    private final int[] dilations, kernel, pads, strides;
    private final int group, offsetGroup;

    private DeformConv(int[] dilations, int[] kernel, int[] pads, int[] strides, int group, int offsetGroup) {
        this.dilations = dilations;
        this.kernel = kernel;
        this.pads = pads;
        this.strides = strides;
        this.group = group;
        this.offsetGroup = offsetGroup;
    }

    static Op create(NodeContext ctx) {
        ctx.expectInputs(3, 5);
        var a = ctx.attrs();
        long g = a.getInt("group", 1), og = a.getInt("offset_group", 1);
        if (g < 1 || g > 1 << 20) throw ctx.invalid("attribute 'group': expected a positive value, got " + g);
        if (og < 1 || og > 1 << 20) throw ctx.invalid("attribute 'offset_group': expected a positive value, got " + og);
        int[] d = a.getIntArray("dilations"), k = a.getIntArray("kernel_shape"), p = a.getIntArray("pads"), s = a.getIntArray("strides");
        if (d != null) for (int v : d) if (v < 1) throw ctx.invalid("attribute 'dilations' must be positive");
        if (s != null) for (int v : s) if (v < 1) throw ctx.invalid("attribute 'strides' must be positive");
        if (p != null) for (int v : p) if (v < 0) throw ctx.invalid("attribute 'pads' must be non-negative");
        return new DeformConv(d, k, p, s, (int) g, (int) og);
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        Fact x = inputs.get(0), w = inputs.get(1), off = inputs.get(2);
        if (!off.hasRank() || off.rank() != 4) return List.of(Fact.unknownShape(x.dtype()));
        Dim n = x.hasRank() ? x.dims().get(0) : Dim.UNKNOWN;
        Dim m = w.hasRank() ? w.dims().get(0) : Dim.UNKNOWN;
        return List.of(Fact.of(x.dtype(), List.of(n, m, off.dims().get(2), off.dims().get(3))));
    }

    private static int at(int[] a, int i, int n, int dflt, String name) {
        if (a == null) return dflt;
        if (a.length != n) throw new IllegalArgumentException("attribute '" + name + "' has " + a.length + " values, expected " + n);
        return a[i];
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor xT = inputs.get(0), wT = inputs.get(1), offT = inputs.get(2);
        Tensor bT = inputs.size() > 3 ? inputs.get(3) : null, mT = inputs.size() > 4 ? inputs.get(4) : null;
        if (xT.rank() != 4) throw new IllegalArgumentException("DeformConv supports 2-D inputs [N, C, H, W], got " + Shapes.toString(xT.shape()));
        if (!ImageData.isFloat(xT.dtype())) throw new IllegalArgumentException("X must be floating-point, got " + xT.dtype());
        int n = xT.dim(0), c = xT.dim(1), ih = xT.dim(2), iw = xT.dim(3);
        if (wT.rank() != 4) throw new IllegalArgumentException("W must have rank 4, got " + Shapes.toString(wT.shape()));
        int m = wT.dim(0), cg = wT.dim(1), kh = wT.dim(2), kw = wT.dim(3);
        if (kernel != null && !Arrays.equals(kernel, new int[] {kh, kw})) {
            throw new IllegalArgumentException("attribute 'kernel_shape' " + Arrays.toString(kernel) + " does not match W " + Shapes.toString(wT.shape()));
        }
        if (c != cg * group || m % group != 0) {
            throw new IllegalArgumentException("X has " + c + " channels and W has shape " + Shapes.toString(wT.shape()) + ", inconsistent with group " + group);
        }
        if (c % offsetGroup != 0) throw new IllegalArgumentException("offset_group " + offsetGroup + " does not divide the " + c + " input channels");
        int kk = kh * kw;
        int sh = at(strides, 0, 2, 1, "strides"), sw = at(strides, 1, 2, 1, "strides");
        int dh = at(dilations, 0, 2, 1, "dilations"), dw = at(dilations, 1, 2, 1, "dilations");
        int ph = at(pads, 0, 4, 0, "pads"), pw = at(pads, 1, 4, 0, "pads");
        int pe = at(pads, 2, 4, 0, "pads"), pwe = at(pads, 3, 4, 0, "pads");
        int oh = (ih + ph + pe - ((kh - 1) * dh + 1)) / sh + 1, ow = (iw + pw + pwe - ((kw - 1) * dw + 1)) / sw + 1;
        if (offT.rank() != 4 || offT.dim(0) != n || offT.dim(1) != offsetGroup * kk * 2 || offT.dim(2) != oh || offT.dim(3) != ow) {
            throw new IllegalArgumentException("offset must have shape [" + n + ", " + offsetGroup * kk * 2 + ", " + oh + ", " + ow + "], got "
                    + Shapes.toString(offT.shape()));
        }
        if (mT != null && (mT.rank() != 4 || mT.dim(0) != n || mT.dim(1) != offsetGroup * kk || mT.dim(2) != oh || mT.dim(3) != ow)) {
            throw new IllegalArgumentException("mask must have shape [" + n + ", " + offsetGroup * kk + ", " + oh + ", " + ow + "], got "
                    + Shapes.toString(mT.shape()));
        }
        if (bT != null && (bT.rank() != 1 || bT.dim(0) != m)) throw new IllegalArgumentException("bias B must have shape [" + m + "], got " + Shapes.toString(bT.shape()));
        double[] x = ImageData.doubles(xT), w = ImageData.doubles(wT), off = ImageData.doubles(offT);
        double[] mask = mT == null ? null : ImageData.doubles(mT), b = bT == null ? null : ImageData.doubles(bT);
        int[] ys = {n, m, oh, ow};
        double[] y = new double[Shapes.size(ys)];
        int op = oh * ow, mg = m / group, cpo = c / offsetGroup;
        // sampled columns for one image: [c, kk, op]
        double[] col = new double[Math.multiplyExact(c * kk, op)];
        for (int b0 = 0; b0 < n; b0++) {
            for (int ci = 0; ci < c; ci++) {
                int g = ci / cpo;
                int xo = (b0 * c + ci) * ih * iw;
                for (int k = 0; k < kk; k++) {
                    int ki = k / kw, kj = k % kw;
                    int oOff = ((b0 * offsetGroup + g) * kk * 2 + 2 * k) * op;
                    int mOff = ((b0 * offsetGroup + g) * kk + k) * op;
                    for (int i = 0; i < oh; i++) {
                        for (int j = 0; j < ow; j++) {
                            int p = i * ow + j;
                            double hh = i * sh - ph + ki * dh + off[oOff + p];
                            double ww = j * sw - pw + kj * dw + off[oOff + op + p];
                            double v = bilinear(x, xo, ih, iw, hh, ww);
                            if (mask != null) v *= mask[mOff + p];
                            col[(ci * kk + k) * op + p] = v;
                        }
                    }
                }
            }
            for (int mo = 0; mo < m; mo++) {
                int g = mo / mg;
                int yo = (b0 * m + mo) * op;
                double bias = b == null ? 0 : b[mo];
                for (int p = 0; p < op; p++) y[yo + p] = bias;
                for (int cl = 0; cl < cg; cl++) {
                    int ci = g * cg + cl;
                    for (int k = 0; k < kk; k++) {
                        double wv = w[(mo * cg + cl) * kk + k];
                        int co = (ci * kk + k) * op;
                        for (int p = 0; p < op; p++) y[yo + p] += wv * col[co + p];
                    }
                }
            }
        }
        return List.of(ImageData.fromDoubles(xT.dtype(), ys, y));
    }

    /** Bilinear sample at (h, w), corners outside the image read as zero. */
    private static double bilinear(double[] x, int off, int ih, int iw, double h, double w) {
        if (!(h > -1 && h < ih && w > -1 && w < iw)) return 0;
        int h0 = (int) Math.floor(h), w0 = (int) Math.floor(w);
        double lh = h - h0, lw = w - w0;
        double v = 0;
        for (int a = 0; a < 2; a++) {
            int hy = h0 + a;
            if (hy < 0 || hy >= ih) continue;
            double wy = a == 0 ? 1 - lh : lh;
            for (int bb = 0; bb < 2; bb++) {
                int wx = w0 + bb;
                if (wx < 0 || wx >= iw) continue;
                v += wy * (bb == 0 ? 1 - lw : lw) * x[off + hy * iw + wx];
            }
        }
        return v;
    }
}
