package dev.onyx.kernel.vector;

import dev.onyx.kernel.ConvGeometry;
import jdk.incubator.vector.FloatVector;

import static dev.onyx.kernel.vector.VectorSgemm.L;
import static dev.onyx.kernel.vector.VectorSgemm.NR;
import static dev.onyx.kernel.vector.VectorSgemm.S;

/**
 * Unfolds image windows straight into the GEMM kernel's panel layout (slivers of NR columns, kc x NR
 * each, zero-padded past the last column): the same panel as {@link dev.onyx.kernel.Im2col#fill} followed
 * by {@link VectorConvGemm#pack}, in one copy instead of two. Positions go L at a time: a run of L outputs
 * inside one output row whose taps all fall inside the input row is one vector load (stride 1) or one
 * deinterleaved pair of loads (stride 2); the others (row ends, padding) go element by element.
 */
final class VectorIm2colPack {
    private VectorIm2colPack() {}

    /**
     * Index in x of the tap of output column 0 of output row (od, oh) (add ow * stride), or
     * Integer.MIN_VALUE when that row's tap lies in the padding.
     */
    private static int rowStart(int xc, int od, int oh, int kd, int kh, int sd, int sh, int pd, int ph, int dd, int dh,
                                int id0, int ih0, int iw0, int w0) {
        int id = od * sd - pd + kd * dd, ih = oh * sh - ph + kh * dh;
        if (id < 0 || id >= id0 || ih < 0 || ih >= ih0) return Integer.MIN_VALUE;
        return xc + (id * ih0 + ih) * iw0 + w0;
    }

    /**
     * Rows [pc, pc + kc) of the virtual im2col matrix of the image at {@code x[xOff]} (channel-major,
     * rows (c, kd, kh, kw)) for positions [first, first + count), packed into {@code bp} from {@code bpOff}.
     *
     * @param g a 3-D geometry
     */
    static void pack(float[] x, int xOff, ConvGeometry g, int pc, int kc, int first, int count, float[] bp, int bpOff) {
        int id0 = g.in()[0], ih0 = g.in()[1], iw0 = g.in()[2];
        int kd0 = g.kernel()[0], kh0 = g.kernel()[1], kw0 = g.kernel()[2];
        int sd = g.strides()[0], sh = g.strides()[1], sw = g.strides()[2];
        if (sw > 2) throw new IllegalArgumentException("width stride " + sw + ": use Im2col");
        int dd = g.dilations()[0], dh = g.dilations()[1], dw = g.dilations()[2];
        int pd = g.padBegin()[0], ph = g.padBegin()[1], pw = g.padBegin()[2];
        int oh0 = g.out()[1], ow0 = g.out()[2];
        int ks = kd0 * kh0 * kw0, inSize = id0 * ih0 * iw0;
        int sliverStride = kc * NR;
        int padded = (count + NR - 1) / NR * NR;
        int startOw = first % ow0, startRow = first / ow0;
        int startOd = startRow / oh0, startOh = startRow - startOd * oh0;
        for (int r = 0; r < kc; r++) {
            int row = pc + r;
            int c = row / ks, t = row - c * ks;
            int kd = t / (kh0 * kw0), kh = t / kw0 % kh0, kw = t % kw0;
            int xc = xOff + c * inSize;
            int w0 = kw * dw - pw;
            // outputs [owLo, owHi) of a row read inside the input row
            int owLo = w0 >= 0 ? 0 : Math.min(ow0, Math.ceilDiv(-w0, sw));
            int owHi = iw0 - w0 <= 0 ? 0 : Math.min(ow0, Math.ceilDiv(iw0 - w0, sw));
            int dstRow = bpOff + r * NR;
            int ow = startOw, oh = startOh, od = startOd;
            int src = rowStart(xc, od, oh, kd, kh, sd, sh, pd, ph, dd, dh, id0, ih0, iw0, w0);
            for (int q = 0; q < count; q += L) {
                int n = Math.min(L, count - q);
                int dst = dstRow + (q / NR) * sliverStride + (q % NR);
                if (n == L && src != Integer.MIN_VALUE && ow >= owLo && ow + L <= owHi) {
                    if (sw == 1) FloatVector.fromArray(S, x, src + ow).intoArray(bp, dst);
                    else VectorStrided.evenInto(x, src + ow * 2, bp, dst);
                    ow += L;
                    if (ow == ow0) {
                        ow = 0;
                        if (++oh == oh0) {
                            oh = 0;
                            od++;
                        }
                        src = rowStart(xc, od, oh, kd, kh, sd, sh, pd, ph, dd, dh, id0, ih0, iw0, w0);
                    }
                } else {
                    for (int j = 0; j < n; j++) {
                        bp[dst + j] = src != Integer.MIN_VALUE && ow >= owLo && ow < owHi ? x[src + ow * sw] : 0f;
                        if (++ow == ow0) {
                            ow = 0;
                            if (++oh == oh0) {
                                oh = 0;
                                od++;
                            }
                            src = rowStart(xc, od, oh, kd, kh, sd, sh, pd, ph, dd, dh, id0, ih0, iw0, w0);
                        }
                    }
                }
            }
            for (int q = count; q < padded; q++) bp[dstRow + (q / NR) * sliverStride + (q % NR)] = 0f;
        }
    }
}
