package dev.onyx.ops.misc;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.kernel.DftKernel;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.List;

/**
 * ONNX STFT (opset 17): short-time Fourier transform of [batch, length, 1 or 2] signals into
 * [batch, frames, bins, 2], frames = 1 + (length - frame_length) / frame_step, each frame multiplied
 * by the window; onesided (default 1) keeps frame_length/2+1 bins.
 */
public final class Stft implements Op {
    private final boolean onesided;

    private Stft(boolean onesided) { this.onesided = onesided; }

    static Op create(NodeContext ctx) {
        ctx.expectInputs(2, 4);
        long one = ctx.attrs().getInt("onesided", 1);
        if (one != 0 && one != 1) throw ctx.invalid("attribute 'onesided': expected 0 or 1, got " + one);
        return new Stft(one == 1);
    }

    @Override
    public List<Fact> infer(List<Fact> in) {
        Fact x = in.get(0);
        if (x.hasRank() && x.rank() != 3) throw new IllegalArgumentException("STFT signal must have rank 3, got " + x.rank());
        Long step = MiscUtil.constLong(in.get(1));
        Long fl = in.size() > 3 && in.get(3) != null ? MiscUtil.constLong(in.get(3)) : null;
        Fact w = in.size() > 2 ? in.get(2) : null;
        if (fl == null && w != null && w.hasRank() && w.rank() == 1 && w.dims().get(0).isKnown()) fl = w.dims().get(0).value();
        Dim batch = x.hasRank() ? x.dims().get(0) : Dim.UNKNOWN;
        Dim frames = Dim.UNKNOWN;
        if (x.hasRank() && x.dims().get(1).isKnown() && step != null && step > 0 && fl != null && fl <= x.dims().get(1).value()) {
            frames = Dim.of(1 + (x.dims().get(1).value() - fl) / step);
        }
        Dim bins = fl == null ? Dim.UNKNOWN : Dim.of(onesided ? fl / 2 + 1 : fl);
        return List.of(Fact.of(x.dtype(), List.of(batch, frames, bins, Dim.of(2))));
    }

    @Override
    public List<Tensor> run(List<Tensor> in) {
        Tensor x = in.get(0);
        MiscUtil.requireFloat(x, "signal");
        int[] s = x.shape();
        if (s.length != 3 || (s[2] != 1 && s[2] != 2)) {
            throw new IllegalArgumentException("STFT signal must have shape [batch, length, 1 or 2], got " + Shapes.toString(s));
        }
        long step = MiscUtil.scalarLong(in.get(1), "frame_step");
        if (step < 1) throw new IllegalArgumentException("frame_step must be positive, got " + step);
        Tensor w = in.size() > 2 ? in.get(2) : null;
        Tensor flT = in.size() > 3 ? in.get(3) : null;
        if (w != null && w.rank() != 1) throw new IllegalArgumentException("window must have rank 1, got shape " + Shapes.toString(w.shape()));
        long fl;
        if (flT != null) {
            fl = MiscUtil.scalarLong(flT, "frame_length");
            if (w != null && w.dim(0) != fl) {
                throw new IllegalArgumentException("window length " + w.dim(0) + " differs from frame_length " + fl);
            }
        } else if (w != null) {
            fl = w.dim(0);
        } else {
            fl = s[1];
        }
        if (fl < 1 || fl > s[1]) {
            throw new IllegalArgumentException("frame_length " + fl + " must lie in [1, " + s[1] + "] (the signal length)");
        }
        int n = (int) fl;
        int frames = (int) (1 + (s[1] - fl) / step);
        int bins = onesided ? n / 2 + 1 : n;
        int batch = s[0], len = s[1], comp = s[2];
        int[] os = {batch, frames, bins, 2};
        double[] xv = MiscUtil.doubles(x);
        double[] wv = w == null ? null : MiscUtil.doubles(w);
        double[] out = new double[Shapes.size(os)];
        DftKernel k = new DftKernel(n);
        double[] re = new double[n];
        double[] im = new double[n];
        for (int b = 0; b < batch; b++) {
            for (int f = 0; f < frames; f++) {
                int start = (int) (f * step);
                for (int t = 0; t < n; t++) {
                    int p = ((b * len) + start + t) * comp;
                    double wt = wv == null ? 1 : wv[t];
                    re[t] = xv[p] * wt;
                    im[t] = comp == 2 ? xv[p + 1] * wt : 0;
                }
                k.transform(re, im, false);
                for (int j = 0; j < bins; j++) {
                    int q = ((b * frames + f) * bins + j) * 2;
                    out[q] = re[j];
                    out[q + 1] = im[j];
                }
            }
        }
        return List.of(MiscUtil.fromDoubles(x.dtype(), os, out));
    }
}
