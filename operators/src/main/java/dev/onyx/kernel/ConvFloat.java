package dev.onyx.kernel;

/**
 * Float32 convolution over up to 3 spatial axes: a plain GEMM for pointwise kernels, a direct loop for
 * depthwise convolutions, and tiled im2col + {@link Sgemm} per group otherwise.
 */
public final class ConvFloat {
    /** Upper bound, in floats, of the im2col scratch matrix; larger outputs are processed in tiles. */
    static final int COL_BUDGET = 1 << 20;

    private ConvFloat() {}

    /**
     * Computes y[n, m, out...] = b[m] + sum over c, taps of x[n, c, in...] * w[m, c - g*Cg, taps...].
     *
     * @param x     batch x channels x in-spatial
     * @param w     outChannels x (channels / group) x kernel
     * @param b     outChannels biases, or null
     * @param y     batch x outChannels x out-spatial, written (not read)
     * @param g     geometry with at most 3 spatial axes
     */
    public static void conv(float[] x, float[] w, float[] b, float[] y, int batch, int channels, int outChannels,
                            int group, ConvGeometry g) {
        int cg = channels / group, mg = outChannels / group;
        int inSize = g.inSize(), outSize = g.outSize(), ks = g.kernelSize();
        int k = cg * ks;
        boolean depthwise = cg == 1 && group == channels && group > 1;
        boolean pointwise = g.isPointwise();
        float[] col = null;
        int tile = 0;
        if (!depthwise && !pointwise && outSize > 0) {
            tile = (int) Math.max(Math.min(outSize, 16), Math.min(outSize, COL_BUDGET / Math.max(1, k)));
            col = new float[k * tile];
        }
        float beta = b == null ? 0f : 1f;
        for (int n = 0; n < batch; n++) {
            int xOff = n * channels * inSize;
            int yOff = n * outChannels * outSize;
            if (b != null) {
                for (int m = 0; m < outChannels; m++) {
                    java.util.Arrays.fill(y, yOff + m * outSize, yOff + (m + 1) * outSize, b[m]);
                }
            } else if (depthwise) {
                java.util.Arrays.fill(y, yOff, yOff + outChannels * outSize, 0f);
            }
            if (depthwise) {
                depthwise(x, xOff, w, y, yOff, outChannels / channels, outChannels, g);
                continue;
            }
            for (int gi = 0; gi < group; gi++) {
                int xg = xOff + gi * cg * inSize;
                int yg = yOff + gi * mg * outSize;
                int wg = gi * mg * k;
                if (pointwise) {
                    Sgemm.sgemm(false, false, mg, outSize, cg, 1f, w, wg, k, x, xg, inSize, beta, y, yg, outSize);
                    continue;
                }
                for (int p0 = 0; p0 < outSize; p0 += tile) {
                    int cnt = Math.min(tile, outSize - p0);
                    Im2col.fill(x, xg, cg, g, p0, cnt, col);
                    Sgemm.sgemm(false, false, mg, cnt, k, 1f, w, wg, k, col, 0, cnt, beta, y, yg + p0, outSize);
                }
            }
        }
    }

    /** Depthwise convolution (one input channel per group): y must hold the bias or zeros. */
    static void depthwise(float[] x, int xOff, float[] w, float[] y, int yOff, int multiplier, int outChannels,
                          ConvGeometry geometry) {
        ConvGeometry g = geometry.as3d();
        int id0 = g.in()[0], ih0 = g.in()[1], iw0 = g.in()[2];
        int kd0 = g.kernel()[0], kh0 = g.kernel()[1], kw0 = g.kernel()[2];
        int sd = g.strides()[0], sh = g.strides()[1], sw = g.strides()[2];
        int dd = g.dilations()[0], dh = g.dilations()[1], dw = g.dilations()[2];
        int pd = g.padBegin()[0], ph = g.padBegin()[1], pw = g.padBegin()[2];
        int od0 = g.out()[0], oh0 = g.out()[1], ow0 = g.out()[2];
        int inSize = id0 * ih0 * iw0, outSize = od0 * oh0 * ow0, ks = kd0 * kh0 * kw0;
        for (int m = 0; m < outChannels; m++) {
            int xc = xOff + (m / multiplier) * inSize;
            int yc = yOff + m * outSize;
            int wm = m * ks;
            for (int kd = 0; kd < kd0; kd++) {
                for (int kh = 0; kh < kh0; kh++) {
                    for (int kw = 0; kw < kw0; kw++) {
                        float wv = w[wm + (kd * kh0 + kh) * kw0 + kw];
                        int w0 = kw * dw - pw;
                        int lo = w0 >= 0 ? 0 : ConvGeometry.ceilDiv(-w0, sw);
                        int hi = iw0 - w0 <= 0 ? 0 : Math.min(ow0, ConvGeometry.ceilDiv(iw0 - w0, sw));
                        if (lo >= hi) continue;
                        for (int od = 0; od < od0; od++) {
                            int id = od * sd - pd + kd * dd;
                            if (id < 0 || id >= id0) continue;
                            for (int oh = 0; oh < oh0; oh++) {
                                int ih = oh * sh - ph + kh * dh;
                                if (ih < 0 || ih >= ih0) continue;
                                int src = xc + (id * ih0 + ih) * iw0 + w0;
                                int dst = yc + (od * oh0 + oh) * ow0;
                                if (sw == 1) {
                                    for (int ow = lo; ow < hi; ow++) y[dst + ow] += wv * x[src + ow];
                                } else {
                                    for (int ow = lo; ow < hi; ow++) y[dst + ow] += wv * x[src + ow * sw];
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
