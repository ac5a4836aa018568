package dev.onyx.kernel;

import java.util.Arrays;

/**
 * Unfolds the sliding windows of a float image (up to 3 spatial axes) into a column matrix whose row
 * (c, kd, kh, kw) holds, for a range of output positions, the input value under that tap (0 in padding).
 */
public final class Im2col {
    private Im2col() {}

    /**
     * Fills {@code col} as a [channels * kernelSize] x [count] row-major matrix for the flattened output
     * positions [first, first + count).
     *
     * @param x        the image, channels x in-spatial, starting at {@code xOff}
     * @param geometry geometry with at most 3 spatial axes
     */
    public static void fill(float[] x, int xOff, int channels, ConvGeometry geometry, int first, int count, float[] col) {
        ConvGeometry g = geometry.as3d();
        int id0 = g.in()[0], ih0 = g.in()[1], iw0 = g.in()[2];
        int kd0 = g.kernel()[0], kh0 = g.kernel()[1], kw0 = g.kernel()[2];
        int sd = g.strides()[0], sh = g.strides()[1], sw = g.strides()[2];
        int dd = g.dilations()[0], dh = g.dilations()[1], dw = g.dilations()[2];
        int pd = g.padBegin()[0], ph = g.padBegin()[1], pw = g.padBegin()[2];
        int oh0 = g.out()[1], ow0 = g.out()[2];
        int inSize = id0 * ih0 * iw0;
        int last = first + count - 1;
        int rowFirst = first / ow0, rowLast = last / ow0;
        int row = 0;
        for (int c = 0; c < channels; c++) {
            int xc = xOff + c * inSize;
            for (int kd = 0; kd < kd0; kd++) {
                for (int kh = 0; kh < kh0; kh++) {
                    for (int kw = 0; kw < kw0; kw++, row++) {
                        int colBase = row * count - first;
                        int w0 = kw * dw - pw;
                        int owLoAll = w0 >= 0 ? 0 : ConvGeometry.ceilDiv(-w0, sw);
                        int owHiAll = iw0 - w0 <= 0 ? 0 : Math.min(ow0, ConvGeometry.ceilDiv(iw0 - w0, sw));
                        for (int r = rowFirst; r <= rowLast; r++) {
                            int owA = r == rowFirst ? first - r * ow0 : 0;
                            int owB = r == rowLast ? last - r * ow0 + 1 : ow0;
                            int dst = colBase + r * ow0;
                            int od = r / oh0, oh = r - od * oh0;
                            int id = od * sd - pd + kd * dd;
                            int ih = oh * sh - ph + kh * dh;
                            if (id < 0 || id >= id0 || ih < 0 || ih >= ih0) {
                                Arrays.fill(col, dst + owA, dst + owB, 0f);
                                continue;
                            }
                            int lo = Math.max(owA, Math.min(owLoAll, owB));
                            int hi = Math.max(lo, Math.min(owHiAll, owB));
                            if (lo > owA) Arrays.fill(col, dst + owA, dst + lo, 0f);
                            if (hi < owB) Arrays.fill(col, dst + hi, dst + owB, 0f);
                            if (hi == lo) continue; // window entirely in padding (src + lo may even be negative)
                            int src = xc + (id * ih0 + ih) * iw0 + w0;
                            if (sw == 1) {
                                System.arraycopy(x, src + lo, col, dst + lo, hi - lo);
                            } else {
                                for (int ow = lo; ow < hi; ow++) col[dst + ow] = x[src + ow * sw];
                            }
                        }
                    }
                }
            }
        }
    }
}
