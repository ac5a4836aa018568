package dev.onyx.kernel;

/**
 * Float32 max, average and Lp pooling over up to 3 spatial axes, per plane (batch x channel).
 * Taps outside the input are skipped; windows follow {@link ConvGeometry} (pads, strides, dilations).
 */
public final class PoolFloat {
    private PoolFloat() {}

    /** Pooling kinds. */
    public enum Kind { MAX, AVERAGE, LP }

    /**
     * Max pooling. When {@code indices} is non-null it receives, per output, the flat index of the
     * chosen input element over the whole input tensor (plane offset included); with
     * {@code columnMajor} the spatial part of the index counts the first spatial axis fastest.
     */
    public static void max(float[] x, float[] y, long[] indices, int planes, ConvGeometry g, boolean columnMajor) {
        run(Kind.MAX, x, y, indices, planes, g, columnMajor, false, 0);
    }

    /** Average pooling; {@code countIncludePad} divides by the taps inside the padded input instead of the real one. */
    public static void average(float[] x, float[] y, int planes, ConvGeometry g, boolean countIncludePad) {
        run(Kind.AVERAGE, x, y, null, planes, g, false, countIncludePad, 0);
    }

    /** Lp pooling: (sum |x|^p)^(1/p) over the taps inside the input. */
    public static void lp(float[] x, float[] y, int planes, ConvGeometry g, double p) {
        run(Kind.LP, x, y, null, planes, g, false, false, p);
    }

    private static void run(Kind kind, float[] x, float[] y, long[] indices, int planes, ConvGeometry geometry,
                            boolean columnMajor, boolean countIncludePad, double p) {
        ConvGeometry g = geometry.as3d();
        int id0 = g.in()[0], ih0 = g.in()[1], iw0 = g.in()[2];
        int kd0 = g.kernel()[0], kh0 = g.kernel()[1], kw0 = g.kernel()[2];
        int sd = g.strides()[0], sh = g.strides()[1], sw = g.strides()[2];
        int dd = g.dilations()[0], dh = g.dilations()[1], dw = g.dilations()[2];
        int pd = g.padBegin()[0], ph = g.padBegin()[1], pw = g.padBegin()[2];
        int ed = g.padEnd()[0], eh = g.padEnd()[1], ew = g.padEnd()[2];
        int od0 = g.out()[0], oh0 = g.out()[1], ow0 = g.out()[2];
        int inSize = id0 * ih0 * iw0, outSize = od0 * oh0 * ow0;
        // per-axis tap ranges per output coordinate: [lo, hi) inside the input, count inside the padded input
        int[][] d = ranges(od0, sd, pd, ed, dd, kd0, id0);
        int[][] h = ranges(oh0, sh, ph, eh, dh, kh0, ih0);
        int[][] w = ranges(ow0, sw, pw, ew, dw, kw0, iw0);
        boolean p2 = p == 2, p1 = p == 1;
        if (kind == Kind.MAX && indices == null) {
            MaxKernel k = KernelProvider.maxPool();
            int bp = id0 == 1 && kd0 == 1 && od0 == 1 ? k.blockPlanes(g) : 0;
            int grain = Math.max(1, (1 << 15) / Math.max(1, outSize * kd0 * kh0 * kw0));
            if (bp > 0 && planes >= bp) {
                // blocks of bp planes, then the remaining planes (as one more unit) by rows
                int blocks = planes / bp;
                Parallel.current().forRange(blocks + (planes % bp == 0 ? 0 : 1), Math.max(1, grain / bp), (from, to) -> {
                    for (int b = from; b < to; b++) {
                        if (b < blocks) k.maxBlock(x, b * bp * inSize, y, b * bp * outSize, g, h, w);
                        else maxPlanes(x, y, blocks * bp, planes, g, d, h, w);
                    }
                });
                return;
            }
            Parallel.current().forRange(planes, grain, (from, to) -> maxPlanes(x, y, from, to, g, d, h, w));
            return;
        }
        for (int c = 0; c < planes; c++) {
            int xc = c * inSize;
            int yo = c * outSize;
            for (int od = 0; od < od0; od++) {
                int dStart = od * sd - pd;
                for (int oh = 0; oh < oh0; oh++) {
                    int hStart = oh * sh - ph;
                    for (int ow = 0; ow < ow0; ow++, yo++) {
                        int wStart = ow * sw - pw;
                        if (kind == Kind.MAX) {
                            float best = Float.NEGATIVE_INFINITY;
                            int at = -1;
                            for (int kd = d[0][od]; kd < d[1][od]; kd++) {
                                int zi = dStart + kd * dd;
                                for (int kh = h[0][oh]; kh < h[1][oh]; kh++) {
                                    int yi = hStart + kh * dh;
                                    int row = xc + (zi * ih0 + yi) * iw0;
                                    for (int kw = w[0][ow]; kw < w[1][ow]; kw++) {
                                        int xi = wStart + kw * dw;
                                        float v = x[row + xi];
                                        if (v > best || at < 0 || best != best) {
                                            best = v;
                                            at = columnMajor ? zi + id0 * (yi + ih0 * xi) : (zi * ih0 + yi) * iw0 + xi;
                                        }
                                    }
                                }
                            }
                            y[yo] = best;
                            if (indices != null) indices[yo] = at < 0 ? -1 : (long) xc + at;
                        } else {
                            double sum = 0;
                            for (int kd = d[0][od]; kd < d[1][od]; kd++) {
                                int zi = dStart + kd * dd;
                                for (int kh = h[0][oh]; kh < h[1][oh]; kh++) {
                                    int row = xc + (zi * ih0 + hStart + kh * dh) * iw0 + wStart;
                                    int kLo = w[0][ow], kHi = w[1][ow];
                                    if (kind == Kind.AVERAGE) {
                                        for (int kw = kLo; kw < kHi; kw++) sum += x[row + kw * dw];
                                    } else if (p2) {
                                        for (int kw = kLo; kw < kHi; kw++) {
                                            double v = x[row + kw * dw];
                                            sum += v * v;
                                        }
                                    } else if (p1) {
                                        for (int kw = kLo; kw < kHi; kw++) sum += Math.abs(x[row + kw * dw]);
                                    } else {
                                        for (int kw = kLo; kw < kHi; kw++) sum += StrictMath.pow(Math.abs(x[row + kw * dw]), p);
                                    }
                                }
                            }
                            if (kind == Kind.AVERAGE) {
                                int n = countIncludePad ? d[2][od] * h[2][oh] * w[2][ow]
                                        : (d[1][od] - d[0][od]) * (h[1][oh] - h[0][oh]) * (w[1][ow] - w[0][ow]);
                                y[yo] = (float) (sum / n);
                            } else {
                                y[yo] = (float) (p2 ? Math.sqrt(sum) : p1 ? sum : StrictMath.pow(sum, 1 / p));
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * The ordered maximum of max pooling: the running best {@code a} gives way to the next tap {@code b}
     * when b is greater or a is NaN. Over a sequence of taps started at the first one it gives the first
     * largest non-NaN tap, or the last NaN when every tap is NaN: exactly the reference loop of {@link #run}.
     * Taken in another order the taps give the same value, except when it is a zero (its sign is that of
     * the first zero) or NaN (its payload is that of the last one). It is idempotent:
     * {@code omax(omax(a, b), b) == omax(a, b)}.
     */
    public static float omax(float a, float b) {
        return b > a || a != a ? b : a;
    }

    /** Whether v is a zero or NaN: the only max-pool outputs that may depend on the order of the taps. */
    public static boolean zeroOrNaN(float v) {
        return v == 0f || v != v;
    }

    /**
     * Row primitives of max pooling without indices, with a scalar and a Vector API implementation
     * (see {@link KernelProvider#maxPool}). The vector one applies {@link #omax} lanewise, the scalar one
     * {@link Math#max} (any NaN wins): with either, and in any order of the taps, an output that is neither
     * a zero nor NaN is the reference value, and the caller redoes the others when their rows hold a NaN
     * or -0. An implementation uses one operation for all its methods (omax hides a NaN that Math.max
     * made, but not the other way round).
     */
    public interface MaxKernel {
        /**
         * y[yo + i] = omax over t in [0, k) of x[xo + i * stride + t * dilation], for i in [0, n); y never
         * overlaps the taps. Returns whether any of these outputs is a zero or NaN.
         */
        boolean window(float[] x, int xo, int k, int dilation, int stride, float[] y, int yo, int n);

        /** r[ro + j] = omax(a[ao + j], b[bo + j]) for j in [0, n); r may be a (same offsets), never b. */
        void combine(float[] a, int ao, float[] b, int bo, float[] r, int ro, int n);

        /** r[ro + j] = omax(omax(a[ao + j], a[bo + j]), a[co + j]) for j in [0, n); r does not overlap a. */
        void combine3(float[] a, int ao, int bo, int co, float[] r, int ro, int n);

        /** Whether a[off, off + n) holds a NaN or a negative zero (the taps whose order can matter). */
        boolean hasNaNOrNegativeZero(float[] a, int off, int n);

        /**
         * Planes per {@link #maxBlock} call for 2-D geometry g (3-D with a trivial first axis), or 0 when the
         * kernel has no blocked path or it would not be faster there.
         */
        default int blockPlanes(ConvGeometry g) {
            return 0;
        }

        /**
         * 2-D max pooling (g is 3-D with a trivial first axis) of {@link #blockPlanes} planes, plane c from
         * x[xc + c * inSize] to y[yc + c * outSize], with the bits of the reference loop (no redoing needed);
         * h and w are the first and end valid taps per output row and column (see {@link #ranges}).
         */
        default void maxBlock(float[] x, int xc, float[] y, int yc, ConvGeometry g, int[][] h, int[][] w) {
            throw new UnsupportedOperationException("no blocked max pooling");
        }
    }

    /** Scalar {@link MaxKernel#hasNaNOrNegativeZero}. */
    public static boolean hasNaNOrNegativeZero(float[] a, int off, int n) {
        for (int i = off; i < off + n; i++) {
            int b = Float.floatToRawIntBits(a[i]);
            if (b == 0x80000000 || (b & 0x7fffffff) > 0x7f800000) return true;
        }
        return false;
    }

    /**
     * The scalar twin of the max-pooling row primitives: {@link Math#max} (branch-free in compiled code,
     * where the ordered max mispredicts), which NaN wins; see {@link MaxKernel}.
     */
    public static final MaxKernel SCALAR_MAX = new MaxKernel() {
        @Override
        public boolean window(float[] x, int xo, int k, int dilation, int stride, float[] y, int yo, int n) {
            boolean z = false;
            if (k == 3 && dilation == 1) {
                for (int i = 0, p = xo; i < n; i++, p += stride) {
                    float v = Math.max(Math.max(x[p], x[p + 1]), x[p + 2]);
                    y[yo + i] = v;
                    z |= zeroOrNaN(v);
                }
                return z;
            }
            for (int i = 0, p = xo; i < n; i++, p += stride) {
                float best = x[p];
                for (int t = 1; t < k; t++) best = Math.max(best, x[p + t * dilation]);
                y[yo + i] = best;
                z |= zeroOrNaN(best);
            }
            return z;
        }

        @Override
        public void combine(float[] a, int ao, float[] b, int bo, float[] r, int ro, int n) {
            for (int j = 0; j < n; j++) r[ro + j] = Math.max(a[ao + j], b[bo + j]);
        }

        @Override
        public void combine3(float[] a, int ao, int bo, int co, float[] r, int ro, int n) {
            for (int j = 0; j < n; j++) r[ro + j] = Math.max(Math.max(a[ao + j], a[bo + j]), a[co + j]);
        }

        @Override
        public boolean hasNaNOrNegativeZero(float[] a, int off, int n) {
            return PoolFloat.hasNaNOrNegativeZero(a, off, n);
        }
    };

    /**
     * Max pooling of planes [from, to) without indices: same bits as {@link #run} (first largest tap,
     * NaN only when every tap is NaN, then the last one). Per output row, the valid input rows are
     * reduced lanewise (by {@link #omax} or {@link Math#max}, see {@link MaxKernel}) into a scratch row, then each output takes its window along W
     * (interior outputs through {@link MaxKernel#window}, border outputs over their valid taps). That
     * visits the taps column by column, which only matters for outputs that are a zero or NaN and whose
     * rows hold a -0 or NaN: when a row has such outputs, its input rows are checked (once per plane
     * each), and if any holds one, those outputs are redone in the reference order.
     */
    private static void maxPlanes(float[] x, float[] y, int from, int to, ConvGeometry g, int[][] d, int[][] h, int[][] w) {
        MaxKernel k = KernelProvider.maxPool();
        int id0 = g.in()[0], ih0 = g.in()[1], iw0 = g.in()[2];
        int kd0 = g.kernel()[0], kh0 = g.kernel()[1], kw0 = g.kernel()[2];
        int sd = g.strides()[0], sh = g.strides()[1], sw = g.strides()[2];
        int dd = g.dilations()[0], dh = g.dilations()[1], dw = g.dilations()[2];
        int pd = g.padBegin()[0], ph = g.padBegin()[1], pw = g.padBegin()[2];
        int od0 = g.out()[0], oh0 = g.out()[1], ow0 = g.out()[2];
        int inSize = id0 * ih0 * iw0, outSize = od0 * oh0 * ow0;
        // outputs whose whole window lies inside the row: ow*sw - pw >= 0 and ow*sw - pw + (kw0-1)*dw < iw0
        int inLo = Math.min(ow0, ConvGeometry.ceilDiv(pw, sw));
        int last = iw0 - 1 - (kw0 - 1) * dw + pw;
        int inHi = last < 0 ? inLo : Math.max(inLo, Math.min(ow0, Math.floorDiv(last, sw) + 1));
        float[] r = new float[iw0];
        int[] rows = new int[kd0 * kh0];
        // per input row: the plane it was last checked for -0/NaN in, and the answer
        int[] checked = new int[id0 * ih0];
        java.util.Arrays.fill(checked, -1);
        boolean[] special = new boolean[id0 * ih0];
        for (int c = from; c < to; c++) {
            int xc = c * inSize;
            for (int od = 0; od < od0; od++) {
                int dStart = od * sd - pd;
                for (int oh = 0; oh < oh0; oh++) {
                    int hStart = oh * sh - ph;
                    int yo = c * outSize + (od * oh0 + oh) * ow0;
                    int nr = 0;
                    for (int kd = d[0][od]; kd < d[1][od]; kd++) {
                        int zi = dStart + kd * dd;
                        for (int kh = h[0][oh]; kh < h[1][oh]; kh++) rows[nr++] = xc + (zi * ih0 + hStart + kh * dh) * iw0;
                    }
                    if (nr == 0) {
                        java.util.Arrays.fill(y, yo, yo + ow0, Float.NEGATIVE_INFINITY);
                        continue;
                    }
                    float[] src = x;
                    int so = rows[0];
                    if (nr > 1) {
                        if (nr == 2) {
                            k.combine(x, rows[0], x, rows[1], r, 0, iw0);
                        } else {
                            k.combine3(x, rows[0], rows[1], rows[2], r, 0, iw0);
                            for (int i = 3; i < nr; i++) k.combine(r, 0, x, rows[i], r, 0, iw0);
                        }
                        src = r;
                        so = 0;
                    }
                    boolean z = false;
                    for (int ow = 0; ow < ow0; ow++) {
                        if (ow == inLo) ow = inHi;
                        if (ow >= ow0) break;
                        int p = so + ow * sw - pw;
                        int lo = w[0][ow], hi = w[1][ow];
                        // Math.max (NaN wins) suits rows reduced by either kernel's operation
                        float best = lo < hi ? src[p + lo * dw] : Float.NEGATIVE_INFINITY;
                        for (int kw = lo + 1; kw < hi; kw++) best = Math.max(best, src[p + kw * dw]);
                        y[yo + ow] = best;
                        z |= zeroOrNaN(best);
                    }
                    if (inHi > inLo) z |= k.window(src, so + inLo * sw - pw, kw0, dw, sw, y, yo + inLo, inHi - inLo);
                    if (!z) continue;
                    boolean redo = false;
                    for (int i = 0; i < nr; i++) {
                        int row = (rows[i] - xc) / iw0;
                        if (checked[row] != c) {
                            checked[row] = c;
                            special[row] = k.hasNaNOrNegativeZero(x, rows[i], iw0);
                        }
                        redo |= special[row];
                    }
                    if (!redo) continue;
                    for (int ow = 0; ow < ow0; ow++) {
                        if (zeroOrNaN(y[yo + ow])) y[yo + ow] = exactMax(x, xc, g, d, h, w, od, oh, ow);
                    }
                }
            }
        }
    }

    /** One max-pool output by ordered comparison (first tap taken, NaN only when every tap is NaN). */
    private static float exactMax(float[] x, int xc, ConvGeometry g, int[][] d, int[][] h, int[][] w, int od, int oh, int ow) {
        int ih0 = g.in()[1], iw0 = g.in()[2];
        int dStart = od * g.strides()[0] - g.padBegin()[0];
        int hStart = oh * g.strides()[1] - g.padBegin()[1];
        int wStart = ow * g.strides()[2] - g.padBegin()[2];
        int dd = g.dilations()[0], dh = g.dilations()[1], dw = g.dilations()[2];
        float best = Float.NEGATIVE_INFINITY;
        boolean first = true;
        for (int kd = d[0][od]; kd < d[1][od]; kd++) {
            int zi = dStart + kd * dd;
            for (int kh = h[0][oh]; kh < h[1][oh]; kh++) {
                int row = xc + (zi * ih0 + hStart + kh * dh) * iw0 + wStart;
                for (int kw = w[0][ow]; kw < w[1][ow]; kw++) {
                    float v = x[row + kw * dw];
                    if (first || v > best || best != best) {
                        best = v;
                        first = false;
                    }
                }
            }
        }
        return best;
    }

    /** For each output coordinate: first valid tap, end valid tap, and the number of taps inside the padded input. */
    static int[][] ranges(int out, int stride, int padBegin, int padEnd, int dilation, int kernel, int in) {
        int[][] r = new int[3][out];
        for (int o = 0; o < out; o++) {
            int start = o * stride - padBegin;
            r[0][o] = ConvGeometry.firstTap(start, 0, dilation);
            r[1][o] = Math.max(r[0][o], ConvGeometry.endTap(start, in, dilation, kernel));
            int lo = ConvGeometry.firstTap(start, -padBegin, dilation);
            int hi = ConvGeometry.endTap(start, in + padEnd, dilation, kernel);
            r[2][o] = Math.max(0, hi - lo);
        }
        return r;
    }
}
