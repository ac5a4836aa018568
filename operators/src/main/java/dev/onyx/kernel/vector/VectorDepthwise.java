package dev.onyx.kernel.vector;

import dev.onyx.kernel.ConvGeometry;
import dev.onyx.kernel.DepthwiseFloat;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API depthwise plane: for unit width stride, the outputs of a row whose taps all lie inside
 * the input are computed a vector at a time (same fused multiply-adds, same tap order as
 * {@link DepthwiseFloat#output}); every other output goes through the scalar code.
 */
public final class VectorDepthwise implements DepthwiseFloat.Kernel {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();

    public VectorDepthwise() {}

    @Override
    public void plane(float[] x, int xc, float[] w, int wm, float bias, float[] y, int yc, ConvGeometry g) {
        if (g.strides()[2] != 1) {
            DepthwiseFloat.plane(x, xc, w, wm, bias, y, yc, g);
            return;
        }
        int[] in = g.in(), k = g.kernel(), s = g.strides(), d = g.dilations(), p = g.padBegin();
        int od0 = g.out()[0], oh0 = g.out()[1], ow0 = g.out()[2];
        int iw0 = in[2], kw0 = k[2], dw = d[2], pw = p[2];
        // outputs whose whole kw range lies inside the row: ow - pw >= 0 and ow - pw + (kw0 - 1) * dw < iw0
        int inLo = Math.min(ow0, pw), inHi = Math.max(inLo, Math.min(ow0, iw0 + pw - (kw0 - 1) * dw));
        boolean vector = s[2] == 1 && inHi - inLo >= L;
        FloatVector vb = FloatVector.broadcast(S, bias);
        for (int od = 0; od < od0; od++) {
            int dStart = od * s[0] - p[0];
            int kdLo = firstTap(dStart, d[0]), kdHi = endTap(dStart, in[0], d[0], k[0]);
            for (int oh = 0; oh < oh0; oh++) {
                int yo = yc + (od * oh0 + oh) * ow0;
                int ow = 0;
                if (vector) {
                    int hStart = oh * s[1] - p[1];
                    int khLo = firstTap(hStart, d[1]), khHi = endTap(hStart, in[1], d[1], k[1]);
                    for (; ow < inLo; ow++) y[yo + ow] = DepthwiseFloat.output(x, xc, w, wm, bias, g, od, oh, ow);
                    for (; ow + L <= inHi; ow += L) {
                        FloatVector acc = vb;
                        for (int kd = kdLo; kd < kdHi; kd++) {
                            int zi = dStart + kd * d[0];
                            for (int kh = khLo; kh < khHi; kh++) {
                                int row = xc + (zi * in[1] + hStart + kh * d[1]) * iw0 + ow - pw;
                                int wr = wm + (kd * k[1] + kh) * kw0;
                                for (int kw = 0; kw < kw0; kw++) {
                                    acc = FloatVector.broadcast(S, w[wr + kw]).fma(FloatVector.fromArray(S, x, row + kw * dw), acc);
                                }
                            }
                        }
                        acc.intoArray(y, yo + ow);
                    }
                }
                for (; ow < ow0; ow++) y[yo + ow] = DepthwiseFloat.output(x, xc, w, wm, bias, g, od, oh, ow);
            }
        }
    }

    private static int firstTap(int start, int dilation) {
        return start >= 0 ? 0 : Math.ceilDiv(-start, dilation);
    }

    private static int endTap(int start, int hi, int dilation, int kernel) {
        if (hi - start <= 0) return 0;
        return Math.min(kernel, Math.ceilDiv(hi - start, dilation));
    }
}
