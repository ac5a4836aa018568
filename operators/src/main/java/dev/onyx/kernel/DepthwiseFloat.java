package dev.onyx.kernel;

/**
 * Scalar depthwise convolution of one plane (one input channel, one output channel), output by
 * output: bias, then each valid tap in (kd, kh, kw) order added with a fused multiply-add. The
 * Vector API twin computes the same sums in the same order, so both give the same bits.
 */
public final class DepthwiseFloat {
    private DepthwiseFloat() {}

    /** The depthwise plane contract shared by the scalar and vector implementations. */
    public interface Kernel {
        /**
         * y[yc + o] = bias + sum over valid taps of w[wm + tap] * x[xc + input position of o and tap],
         * for every output position o of the plane.
         *
         * @param g geometry with exactly 3 spatial axes (see {@link ConvGeometry#as3d})
         */
        void plane(float[] x, int xc, float[] w, int wm, float bias, float[] y, int yc, ConvGeometry g);

        /** Channels {@link #block} computes together, or 0 when this kernel works plane by plane only. */
        default int blockChannels() { return 0; }

        /**
         * Output rows [ohFrom, ohTo) of {@link #blockChannels} consecutive channels of a depthwise convolution
         * with one input channel per output channel and a geometry whose first axis is trivial (a 2-D or 1-D
         * convolution seen as 3-D): channel c reads {@code x} from {@code xc + c * inSize}, weights from
         * {@code w[wc + c * kernelSize]} and bias {@code b[bc + c]} (0 when b is null), and writes {@code y}
         * from {@code yc + c * outSize}. Every output has the same bits as {@link #plane} gives it.
         */
        default void block(float[] x, int xc, float[] w, int wc, float[] b, int bc, float[] y, int yc, ConvGeometry g,
                           int ohFrom, int ohTo) {
            throw new UnsupportedOperationException("this depthwise kernel has no channel blocks");
        }

        /**
         * Whether blocks of channels ({@link #block}) run faster than planes ({@link #plane}) for this blockable
         * (3-D) geometry. Measured on AVX2, 1 thread, cycles per output plane / blocked: 3x3 stride 1 at 56 wide
         * 1.6 / 3.1, at 14 wide 4.3 / 4.0; stride 2 at 112 -> 56 wide 4.1 / 5.3, 56 -> 28 wide 6.6 / 5.4. At 28 wide
         * stride 1 planes measured 2.4 / 3.3 alone but no faster in mobilenet_v2 (min of alternating runs), so
         * rows up to 32 wide stay blocked. Other kernels were measured faster blocked up to 64 input columns or at
         * stride 2.
         */
        static boolean blocksFaster(ConvGeometry g) {
            // (the vector plane kernel takes width strides 1 and 2; others run scalar plane by plane)
            if (g.kernel()[1] == 3 && g.kernel()[2] == 3 && g.dilations()[1] == 1 && g.dilations()[2] == 1
                    && g.strides()[2] <= 2 && widePlanes) {
                return g.out()[2] <= 32;
            }
            return g.in()[2] <= 64 || g.strides()[2] > 1;
        }

        /** Whether {@link #block} takes this (3-D) geometry: the first spatial axis does nothing. */
        static boolean blockable(ConvGeometry g) {
            return g.in()[0] == 1 && g.kernel()[0] == 1 && g.out()[0] == 1 && g.padBegin()[0] == 0;
        }
    }

    /** Off: every kernel keeps the earlier rule of {@link Kernel#blocksFaster} (for A/B measurements in one JVM). */
    static boolean widePlanes = true;

    /** The scalar kernel. */
    public static final Kernel SCALAR = DepthwiseFloat::plane;

    /**
     * Scalar implementation of {@link Kernel#plane}: tap by tap over whole output rows, which adds the
     * taps of each output in the same (kd, kh, kw) order as {@link #output}, so the bits are the same.
     */
    public static void plane(float[] x, int xc, float[] w, int wm, float bias, float[] y, int yc, ConvGeometry g) {
        int id0 = g.in()[0], ih0 = g.in()[1], iw0 = g.in()[2];
        int kd0 = g.kernel()[0], kh0 = g.kernel()[1], kw0 = g.kernel()[2];
        int sd = g.strides()[0], sh = g.strides()[1], sw = g.strides()[2];
        int dd = g.dilations()[0], dh = g.dilations()[1], dw = g.dilations()[2];
        int pd = g.padBegin()[0], ph = g.padBegin()[1], pw = g.padBegin()[2];
        int od0 = g.out()[0], oh0 = g.out()[1], ow0 = g.out()[2];
        java.util.Arrays.fill(y, yc, yc + od0 * oh0 * ow0, bias);
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
                                for (int ow = lo; ow < hi; ow++) y[dst + ow] = Math.fma(wv, x[src + ow], y[dst + ow]);
                            } else {
                                for (int ow = lo; ow < hi; ow++) y[dst + ow] = Math.fma(wv, x[src + ow * sw], y[dst + ow]);
                            }
                        }
                    }
                }
            }
        }
    }

    /** One output of the plane: bias plus the valid taps in (kd, kh, kw) order, by fused multiply-add. */
    public static float output(float[] x, int xc, float[] w, int wm, float bias, ConvGeometry g, int od, int oh, int ow) {
        int[] in = g.in(), k = g.kernel(), s = g.strides(), d = g.dilations(), p = g.padBegin();
        int dStart = od * s[0] - p[0], hStart = oh * s[1] - p[1], wStart = ow * s[2] - p[2];
        int kdLo = ConvGeometry.firstTap(dStart, 0, d[0]), kdHi = ConvGeometry.endTap(dStart, in[0], d[0], k[0]);
        int khLo = ConvGeometry.firstTap(hStart, 0, d[1]), khHi = ConvGeometry.endTap(hStart, in[1], d[1], k[1]);
        int kwLo = ConvGeometry.firstTap(wStart, 0, d[2]), kwHi = ConvGeometry.endTap(wStart, in[2], d[2], k[2]);
        float acc = bias;
        for (int kd = kdLo; kd < kdHi; kd++) {
            int zi = dStart + kd * d[0];
            for (int kh = khLo; kh < khHi; kh++) {
                int row = xc + (zi * in[1] + hStart + kh * d[1]) * in[2] + wStart;
                int wr = wm + (kd * k[1] + kh) * k[2];
                for (int kw = kwLo; kw < kwHi; kw++) acc = Math.fma(w[wr + kw], x[row + kw * d[2]], acc);
            }
        }
        return acc;
    }
}
