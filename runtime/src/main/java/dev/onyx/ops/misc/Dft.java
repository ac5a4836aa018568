package dev.onyx.ops.misc;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.kernel.DftKernel;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * ONNX DFT: the (inverse) discrete Fourier transform along one axis of a real ([..., 1]) or complex
 * ([..., 2]) signal; axis is an attribute (default 1) in opset 17-19 and an input (default -2) from 20;
 * dft_length pads or truncates; onesided keeps floor(n/2)+1 bins, and with inverse is an inverse real
 * FFT whose output is real ([..., 1]).
 */
public final class Dft implements Op {
    private final Long attrAxis;
    private final boolean inverse;
    private final boolean onesided;

    private Dft(Long attrAxis, boolean inverse, boolean onesided) {
        this.attrAxis = attrAxis;
        this.inverse = inverse;
        this.onesided = onesided;
    }

    static Op create(NodeContext ctx) {
        Long axis = null;
        if (ctx.opset() < 20) {
            ctx.expectInputs(1, 2);
            axis = ctx.attrs().getInt("axis", 1);
        } else {
            ctx.expectInputs(1, 3);
        }
        long inv = ctx.attrs().getInt("inverse", 0);
        long one = ctx.attrs().getInt("onesided", 0);
        if (inv != 0 && inv != 1) throw ctx.invalid("attribute 'inverse': expected 0 or 1, got " + inv);
        if (one != 0 && one != 1) throw ctx.invalid("attribute 'onesided': expected 0 or 1, got " + one);
        return new Dft(axis, inv == 1, one == 1);
    }

    private static int axis(long a, int rank) {
        long v = a < 0 ? a + rank : a;
        if (v < 0 || v > rank - 2) {
            throw new IllegalArgumentException("axis " + a + " is out of range for a signal of rank " + rank
                    + " (expected [-" + rank + ", -2] or [0, " + (rank - 2) + "])");
        }
        return (int) v;
    }

    @Override
    public List<Fact> infer(List<Fact> in) {
        Fact x = in.get(0);
        if (!x.hasRank()) return List.of(Fact.unknownShape(x.dtype()));
        int r = x.rank();
        if (r < 2) throw new IllegalArgumentException("DFT input must have rank at least 2, got " + r);
        Long ax = attrAxis != null ? attrAxis : (in.size() > 2 && in.get(2) != null ? MiscUtil.constLong(in.get(2)) : Long.valueOf(-2));
        List<Dim> dims = new ArrayList<>(x.dims());
        dims.set(r - 1, Dim.of(inverse && onesided ? 1 : 2));
        if (ax == null) {
            for (int i = 0; i < r - 1; i++) dims.set(i, Dim.UNKNOWN);
            return List.of(Fact.of(x.dtype(), dims));
        }
        int a = axis(ax, r);
        Long len = null;
        if (in.size() > 1 && in.get(1) != null) len = MiscUtil.constLong(in.get(1));
        else if (x.dims().get(a).isKnown()) {
            long n = x.dims().get(a).value();
            len = inverse && onesided ? 2 * (n - 1) : n;
        }
        Dim d = Dim.UNKNOWN;
        if (len != null) d = Dim.of(onesided && !inverse ? len / 2 + 1 : len);
        dims.set(a, d);
        return List.of(Fact.of(x.dtype(), dims));
    }

    @Override
    public List<Tensor> run(List<Tensor> in) {
        Tensor x = in.get(0);
        MiscUtil.requireFloat(x, "input");
        int[] s = x.shape();
        int r = s.length;
        if (r < 2) throw new IllegalArgumentException("DFT input must have rank at least 2, got " + r);
        int comp = s[r - 1];
        if (comp != 1 && comp != 2) throw new IllegalArgumentException("DFT input's last dimension must be 1 or 2, got " + comp);
        long ax = attrAxis != null ? attrAxis : (in.size() > 2 && in.get(2) != null ? MiscUtil.scalarLong(in.get(2), "axis") : -2);
        int a = axis(ax, r);
        int nIn = s[a];
        long lenL;
        if (in.size() > 1 && in.get(1) != null) {
            lenL = MiscUtil.scalarLong(in.get(1), "dft_length");
        } else {
            lenL = inverse && onesided ? 2L * (nIn - 1) : nIn;
        }
        if (lenL < 1) throw new IllegalArgumentException("dft_length must be at least 1, got " + lenL);
        int len = MiscUtil.length(lenL, "dft_length");
        boolean irfft = inverse && onesided;
        int outLen = irfft ? len : onesided ? len / 2 + 1 : len;
        int outComp = irfft ? 1 : 2;
        int[] os = s.clone();
        os[a] = outLen;
        os[r - 1] = outComp;
        long total = (long) Shapes.size(os);
        if (total > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("DFT output of shape " + Shapes.toString(os) + " is too large");
        int outer = Shapes.product(s, 0, a);
        int inner = Shapes.product(s, a + 1, r - 1);
        double[] xv = MiscUtil.doubles(x);
        double[] out = new double[(int) total];
        DftKernel k = new DftKernel(len);
        double[] re = new double[len];
        double[] im = new double[len];
        int take = Math.min(nIn, len);
        double scale = inverse ? 1.0 / len : 1.0;
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                java.util.Arrays.fill(re, 0);
                java.util.Arrays.fill(im, 0);
                if (irfft) {
                    int half = Math.min(nIn, len / 2 + 1);
                    for (int t = 0; t < half; t++) {
                        int p = ((o * nIn + t) * inner + i) * comp;
                        double vr = xv[p], vi = comp == 2 ? xv[p + 1] : 0;
                        re[t] = vr;
                        im[t] = vi;
                        if (t > 0 && len - t != t) {
                            re[len - t] = vr;
                            im[len - t] = -vi;
                        }
                    }
                } else {
                    for (int t = 0; t < take; t++) {
                        int p = ((o * nIn + t) * inner + i) * comp;
                        re[t] = xv[p];
                        if (comp == 2) im[t] = xv[p + 1];
                    }
                }
                k.transform(re, im, inverse);
                for (int t = 0; t < outLen; t++) {
                    int q = ((o * outLen + t) * inner + i) * outComp;
                    out[q] = re[t] * scale;
                    if (outComp == 2) out[q + 1] = im[t] * scale;
                }
            }
        }
        return List.of(MiscUtil.fromDoubles(x.dtype(), os, out));
    }
}
