package dev.onyx.kernel.vector;

import dev.onyx.kernel.ConvGeometry;
import dev.onyx.kernel.DepthwiseFloat;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API depthwise plane for width strides 1 and 2: per output row, the outputs whose whole kw range
 * lies inside the input row are computed a vector at a time (the last vector of a row overlaps the
 * previous one instead of a scalar tail), the few border outputs by a scalar loop over their valid taps.
 * Every output is the bias plus its valid taps in (kd, kh, kw) order by fused multiply-adds, exactly as
 * {@link DepthwiseFloat#plane}, so both give the same bits. Stride 2 loads deinterleave with permutes;
 * 3x3 kernels with all three rows valid keep their nine broadcast weights in registers.
 */
public final class VectorDepthwise implements DepthwiseFloat.Kernel {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();

    /** Per thread: the deinterleaved plane of stride-2 convolutions. */
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[1][0]);
    /** Per-thread index tables (kwLo, kwHi, tap, rowX, rowV, rowW), grown on demand: a plane allocates nothing. */
    private static final ThreadLocal<int[][]> TABLES = ThreadLocal.withInitial(() -> new int[6][0]);
    private static final ThreadLocal<boolean[][]> MASKS = ThreadLocal.withInitial(() -> new boolean[1][0]);

    private static int[] table(int[][] tables, int i, int n) {
        if (tables[i].length < n) tables[i] = new int[n];
        return tables[i];
    }

    public VectorDepthwise() {}

    @Override
    public int blockChannels() { return L >= 4 ? L : 0; }

    @Override
    public void block(float[] x, int xc, float[] w, int wc, float[] b, int bc, float[] y, int yc, ConvGeometry g,
                      int ohFrom, int ohTo) {
        VectorDepthwiseBlock.block(x, xc, w, wc, b, bc, y, yc, g, ohFrom, ohTo);
    }

    @Override
    public void plane(float[] x, int xc, float[] w, int wm, float bias, float[] y, int yc, ConvGeometry g) {
        int[] in = g.in(), k = g.kernel(), s = g.strides(), d = g.dilations(), p = g.padBegin();
        int sw = s[2];
        if (sw > 2 || L < 2) {
            DepthwiseFloat.plane(x, xc, w, wm, bias, y, yc, g);
            return;
        }
        int id0 = in[0], ih0 = in[1], iw0 = in[2];
        int kd0 = k[0], kh0 = k[1], kw0 = k[2];
        int dw = d[2], pw = p[2];
        int od0 = g.out()[0], oh0 = g.out()[1], ow0 = g.out()[2];
        // outputs whose whole kw range lies inside the row: ow*sw - pw >= 0 and ow*sw - pw + (kw0-1)*dw < iw0
        int inLo = Math.min(ow0, Math.ceilDiv(pw, sw));
        int last = iw0 - 1 - (kw0 - 1) * dw + pw;
        int inHi = last < 0 ? inLo : Math.max(inLo, Math.min(ow0, Math.floorDiv(last, sw) + 1));
        boolean vector = inHi - inLo >= L;
        // rows of at most L outputs: one masked vector per row (a lane skips the taps outside the input)
        boolean masked = !vector && ow0 <= L && ow0 > 1;
        if (!vector) {
            inLo = 0;
            inHi = 0;
        }
        // valid kw range of each border output
        int[][] tables = TABLES.get();
        int[] kwLo = table(tables, 0, ow0), kwHi = table(tables, 1, ow0);
        for (int ow = 0; ow < ow0; ow++) {
            int start = ow * sw - pw;
            kwLo[ow] = firstTap(start, dw);
            kwHi[ow] = Math.max(kwLo[ow], endTap(start, iw0, dw, kw0));
        }
        // vector loads read src[rowV[r] + ow + tap[kw]]: x itself for stride 1; for stride 2 a copy of the plane
        // with each row split into its even elements, then (at offset odd) its odd elements
        float[] src = x;
        int planeRows = id0 * ih0, half = (iw0 + 1) / 2, odd = planeRows * half;
        int[] tap = table(tables, 2, kw0);
        for (int kw = 0; kw < kw0; kw++) tap[kw] = kw * dw;
        if ((vector || masked) && sw == 2) {
            float[][] holder = SCRATCH.get();
            if (holder[0].length < 2 * odd) holder[0] = new float[2 * odd];
            src = holder[0];
            for (int row = 0; row < planeRows; row++) deinterleave(x, xc + row * iw0, iw0, src, row * half, odd + row * half);
            for (int kw = 0; kw < kw0; kw++) {
                int c = kw * dw - pw;
                tap[kw] = ((c & 1) == 0 ? 0 : odd) + Math.floorDiv(c, 2);
            }
        }
        int rows = kd0 * kh0;
        int[] rowX = table(tables, 3, rows), rowV = table(tables, 4, rows), rowW = table(tables, 5, rows);
        boolean k33 = kd0 == 1 && kh0 == 3 && kw0 == 3 && dw == 1;
        if (k33 && vector && id0 == 1 && od0 == 1 && p[0] == 0 && d[1] == 1) {
            plane3x3(x, xc, src, sw == 1 ? -1 : half, tap[0], tap[1], tap[2], w, wm, bias, y, yc, g, inLo, inHi, kwLo, kwHi);
            return;
        }
        boolean[] valid = null;
        if (masked) {
            boolean[][] masks = MASKS.get();
            if (masks[0].length < kw0 * L) masks[0] = new boolean[kw0 * L];
            valid = masks[0];
            for (int kw = 0; kw < kw0; kw++) {
                for (int i = 0; i < L; i++) { // every lane: the table is reused
                    int pos = i * sw - pw + kw * dw;
                    valid[kw * L + i] = i < ow0 && pos >= 0 && pos < iw0;
                }
            }
        }
        for (int od = 0; od < od0; od++) {
            int dStart = od * s[0] - p[0];
            int kdLo = firstTap(dStart, d[0]), kdHi = endTap(dStart, id0, d[0], kd0);
            for (int oh = 0; oh < oh0; oh++) {
                int hStart = oh * s[1] - p[1];
                int khLo = firstTap(hStart, d[1]), khHi = endTap(hStart, ih0, d[1], kh0);
                int nr = 0;
                for (int kd = kdLo; kd < kdHi; kd++) {
                    int zi = dStart + kd * d[0];
                    for (int kh = khLo; kh < khHi; kh++) {
                        int row = zi * ih0 + hStart + kh * d[1];
                        rowX[nr] = xc + row * iw0 - pw;
                        rowV[nr] = sw == 1 ? xc + row * iw0 - pw : row * half;
                        rowW[nr++] = wm + (kd * kh0 + kh) * kw0;
                    }
                }
                int yo = yc + (od * oh0 + oh) * ow0;
                if (masked) {
                    rowMasked(src, rowV, rowW, nr, tap, kw0, valid, w, bias, y, yo, ow0);
                    continue;
                }
                // border outputs (all outputs when the interior is too short for a vector)
                for (int ow = 0; ow < ow0; ow++) {
                    if (ow == inLo) ow = inHi;
                    if (ow >= ow0) break;
                    float acc = bias;
                    int lo = kwLo[ow], hi = kwHi[ow];
                    for (int r = 0; r < nr; r++) {
                        int base = rowX[r] + ow * sw, wr = rowW[r];
                        for (int kw = lo; kw < hi; kw++) acc = Math.fma(w[wr + kw], x[base + kw * dw], acc);
                    }
                    y[yo + ow] = acc;
                }
                if (!vector) continue;
                if (k33 && nr == 3) {
                    row3x3(src, rowV[0], rowV[1], rowV[2], tap[0], tap[1], tap[2], w, wm, bias, y, yo, inLo, inHi);
                } else {
                    rowGeneric(src, rowV, rowW, nr, tap, kw0, w, bias, y, yo, inLo, inHi);
                }
            }
        }
    }

    /*
     * The row kernels are separate small methods: in one large method C2 stops inlining the Vector API
     * calls past its node budget, and every vector operation then allocates a box (and runs many times slower).
     */

    /** One row of at most L outputs as one masked vector: a lane skips the taps outside the input. */
    private static void rowMasked(float[] src, int[] rowV, int[] rowW, int nr, int[] tap, int kw0, boolean[] valid,
                                  float[] w, float bias, float[] y, int yo, int ow0) {
        FloatVector acc = FloatVector.broadcast(S, bias);
        for (int r = 0; r < nr; r++) {
            int base = rowV[r], wr = rowW[r];
            for (int kw = 0; kw < kw0; kw++) {
                VectorMask<Float> m = VectorMask.fromArray(S, valid, kw * L);
                FloatVector xv = FloatVector.fromArray(S, src, base + tap[kw], m);
                acc = acc.blend(FloatVector.broadcast(S, w[wr + kw]).fma(xv, acc), m);
            }
        }
        acc.intoArray(y, yo, S.indexInRange(0, ow0));
    }

    /**
     * A 2-D 3x3 undilated plane with at least one vector of interior outputs per row. At stride 1, two output rows
     * with all their input rows inside the plane go together ({@link #rows3x3}, and {@link #pairBorders} for the
     * border columns when the padding is one column each side); other rows one at a time: the border outputs one
     * by one over their valid taps, the interior by {@link #row3x3} (all three input rows inside the plane) or
     * {@link #row2x3} (one or two input rows in the padding). No per-row tables.
     *
     * @param half for stride 2, the length of each half of the deinterleaved rows in {@code src}; -1 for stride 1
     *             (then {@code src} is x itself)
     */
    private static void plane3x3(float[] x, int xc, float[] src, int half, int t0, int t1, int t2, float[] w, int wm,
                                 float bias, float[] y, int yc, ConvGeometry g, int inLo, int inHi, int[] kwLo, int[] kwHi) {
        int ih0 = g.in()[1], iw0 = g.in()[2];
        int sh = g.strides()[1], sw = g.strides()[2], ph = g.padBegin()[1], pw = g.padBegin()[2];
        int oh0 = g.out()[1], ow0 = g.out()[2];
        int step = half < 0 ? iw0 : half;
        // stride 1 and one column of padding on each side: the only border outputs are the first and last column
        boolean padOne = sw == 1 && pw == 1 && g.padEnd()[2] == 1 && inLo == 1 && inHi == ow0 - 1 && ow0 == iw0;
        for (int oh = 0; oh < oh0; oh++) {
            int hStart = oh * sh - ph;
            int khLo = Math.max(0, -hStart), khHi = Math.min(3, ih0 - hStart);
            int yo = yc + oh * ow0;
            int r0 = half < 0 ? xc + (hStart + khLo) * iw0 - pw : (hStart + khLo) * half;
            // two output rows with all their input rows inside: the interiors in one pass (shared input rows)
            boolean pair = sh == 1 && khLo == 0 && khHi == 3 && oh + 1 < oh0 && hStart + 3 < ih0;
            if (pair) {
                if (padOne) {
                    pairBorders(x, xc + hStart * iw0, iw0, w, wm, bias, y, yo, ow0);
                } else {
                    borders3x3(x, xc, w, wm, bias, y, yo, hStart, 0, 3, iw0, pw, sw, ow0, inLo, inHi, kwLo, kwHi);
                    borders3x3(x, xc, w, wm, bias, y, yo + ow0, hStart + 1, 0, 3, iw0, pw, sw, ow0, inLo, inHi, kwLo, kwHi);
                }
                rows3x3(src, r0, step, t0, t1, t2, w, wm, bias, y, yo, ow0, inLo, inHi);
                oh++;
                continue;
            }
            borders3x3(x, xc, w, wm, bias, y, yo, hStart, khLo, khHi, iw0, pw, sw, ow0, inLo, inHi, kwLo, kwHi);
            switch (khHi - khLo) {
                case 3 -> row3x3(src, r0, r0 + step, r0 + 2 * step, t0, t1, t2, w, wm, bias, y, yo, inLo, inHi);
                case 2 -> row2x3(src, r0, r0 + step, t0, t1, t2, w, wm + 3 * khLo, bias, y, yo, inLo, inHi);
                case 1 -> row2x3(src, r0, -1, t0, t1, t2, w, wm + 3 * khLo, bias, y, yo, inLo, inHi);
                default -> java.util.Arrays.fill(y, yo + inLo, yo + inHi, bias);
            }
        }
    }

    /**
     * The first and last output of two consecutive output rows of a stride-1 3x3 kernel padded by one column on
     * each side, all four input rows (from r0, column 0) inside the plane: four independent chains of the six valid
     * taps each, in (kh, kw) order.
     */
    private static void pairBorders(float[] x, int r0, int iw, float[] w, int wm, float bias, float[] y, int yo, int ow0) {
        int r1 = r0 + iw, r2 = r1 + iw, r3 = r2 + iw, e = iw - 2;
        float w00 = w[wm], w01 = w[wm + 1], w02 = w[wm + 2];
        float w10 = w[wm + 3], w11 = w[wm + 4], w12 = w[wm + 5];
        float w20 = w[wm + 6], w21 = w[wm + 7], w22 = w[wm + 8];
        float a = Math.fma(w01, x[r0], bias), b = Math.fma(w01, x[r1], bias);
        float c = Math.fma(w00, x[r0 + e], bias), d = Math.fma(w00, x[r1 + e], bias);
        a = Math.fma(w02, x[r0 + 1], a);
        b = Math.fma(w02, x[r1 + 1], b);
        c = Math.fma(w01, x[r0 + e + 1], c);
        d = Math.fma(w01, x[r1 + e + 1], d);
        a = Math.fma(w11, x[r1], a);
        b = Math.fma(w11, x[r2], b);
        c = Math.fma(w10, x[r1 + e], c);
        d = Math.fma(w10, x[r2 + e], d);
        a = Math.fma(w12, x[r1 + 1], a);
        b = Math.fma(w12, x[r2 + 1], b);
        c = Math.fma(w11, x[r1 + e + 1], c);
        d = Math.fma(w11, x[r2 + e + 1], d);
        a = Math.fma(w21, x[r2], a);
        b = Math.fma(w21, x[r3], b);
        c = Math.fma(w20, x[r2 + e], c);
        d = Math.fma(w20, x[r3 + e], d);
        a = Math.fma(w22, x[r2 + 1], a);
        b = Math.fma(w22, x[r3 + 1], b);
        c = Math.fma(w21, x[r2 + e + 1], c);
        d = Math.fma(w21, x[r3 + e + 1], d);
        y[yo] = a;
        y[yo + ow0] = b;
        y[yo + ow0 - 1] = c;
        y[yo + 2 * ow0 - 1] = d;
    }

    /** The border outputs (outside [inLo, inHi)) of one output row, one by one over their valid taps. */
    private static void borders3x3(float[] x, int xc, float[] w, int wm, float bias, float[] y, int yo, int hStart,
                                   int khLo, int khHi, int iw0, int pw, int sw, int ow0, int inLo, int inHi,
                                   int[] kwLo, int[] kwHi) {
        for (int ow = 0; ow < ow0; ow++) {
            if (ow == inLo) ow = inHi;
            if (ow >= ow0) break;
            float acc = bias;
            int lo = kwLo[ow], hi = kwHi[ow];
            for (int kh = khLo; kh < khHi; kh++) {
                int base = xc + (hStart + kh) * iw0 - pw + ow * sw, wr = wm + kh * 3;
                for (int kw = lo; kw < hi; kw++) acc = Math.fma(w[wr + kw], x[base + kw], acc);
            }
            y[yo + ow] = acc;
        }
    }

    /**
     * Interior outputs [inLo, inHi) of two consecutive output rows of a stride-1 3x3 kernel, all four input rows
     * (from r0, step apart) inside the plane: each input vector is loaded once for both rows (12 loads for two
     * output vectors instead of 18), and the two rows are two independent chains. Each output still adds its taps
     * in (kh, kw) order.
     */
    private static void rows3x3(float[] src, int r0, int step, int t0, int t1, int t2, float[] w, int wm, float bias,
                                float[] y, int yo, int ow0, int inLo, int inHi) {
        FloatVector vb = FloatVector.broadcast(S, bias);
        FloatVector w00 = FloatVector.broadcast(S, w[wm]), w01 = FloatVector.broadcast(S, w[wm + 1]);
        FloatVector w02 = FloatVector.broadcast(S, w[wm + 2]), w10 = FloatVector.broadcast(S, w[wm + 3]);
        FloatVector w11 = FloatVector.broadcast(S, w[wm + 4]), w12 = FloatVector.broadcast(S, w[wm + 5]);
        FloatVector w20 = FloatVector.broadcast(S, w[wm + 6]), w21 = FloatVector.broadcast(S, w[wm + 7]);
        FloatVector w22 = FloatVector.broadcast(S, w[wm + 8]);
        int r1 = r0 + step, r2 = r1 + step, r3 = r2 + step;
        for (int ow = inLo; ow < inHi; ow += L) {
            if (ow > inHi - L) ow = inHi - L;
            FloatVector v = FloatVector.fromArray(S, src, r0 + ow + t0);
            FloatVector a = w00.fma(v, vb);
            v = FloatVector.fromArray(S, src, r0 + ow + t1);
            a = w01.fma(v, a);
            v = FloatVector.fromArray(S, src, r0 + ow + t2);
            a = w02.fma(v, a);
            v = FloatVector.fromArray(S, src, r1 + ow + t0);
            a = w10.fma(v, a);
            FloatVector b = w00.fma(v, vb);
            v = FloatVector.fromArray(S, src, r1 + ow + t1);
            a = w11.fma(v, a);
            b = w01.fma(v, b);
            v = FloatVector.fromArray(S, src, r1 + ow + t2);
            a = w12.fma(v, a);
            b = w02.fma(v, b);
            v = FloatVector.fromArray(S, src, r2 + ow + t0);
            a = w20.fma(v, a);
            b = w10.fma(v, b);
            v = FloatVector.fromArray(S, src, r2 + ow + t1);
            a = w21.fma(v, a);
            b = w11.fma(v, b);
            v = FloatVector.fromArray(S, src, r2 + ow + t2);
            a = w22.fma(v, a);
            b = w12.fma(v, b);
            v = FloatVector.fromArray(S, src, r3 + ow + t0);
            b = w20.fma(v, b);
            v = FloatVector.fromArray(S, src, r3 + ow + t1);
            b = w21.fma(v, b);
            v = FloatVector.fromArray(S, src, r3 + ow + t2);
            b = w22.fma(v, b);
            a.intoArray(y, yo + ow);
            b.intoArray(y, yo + ow0 + ow);
        }
    }

    /**
     * Interior outputs [inLo, inHi) (at least L) of a row of a 3x3 kernel with all three input rows present: two
     * vectors at a time (two independent chains of nine fused multiply-adds), then single vectors, the last one
     * overlapping its neighbour instead of a scalar tail; the nine weights stay in registers.
     */
    private static void row3x3(float[] src, int r0, int r1, int r2, int t0, int t1, int t2, float[] w, int wm, float bias,
                               float[] y, int yo, int inLo, int inHi) {
        FloatVector vb = FloatVector.broadcast(S, bias);
        FloatVector w00 = FloatVector.broadcast(S, w[wm]), w01 = FloatVector.broadcast(S, w[wm + 1]);
        FloatVector w02 = FloatVector.broadcast(S, w[wm + 2]), w10 = FloatVector.broadcast(S, w[wm + 3]);
        FloatVector w11 = FloatVector.broadcast(S, w[wm + 4]), w12 = FloatVector.broadcast(S, w[wm + 5]);
        FloatVector w20 = FloatVector.broadcast(S, w[wm + 6]), w21 = FloatVector.broadcast(S, w[wm + 7]);
        FloatVector w22 = FloatVector.broadcast(S, w[wm + 8]);
        int ow = inLo;
        for (; ow + 2 * L <= inHi; ow += 2 * L) {
            int p = ow + L;
            FloatVector a = w00.fma(FloatVector.fromArray(S, src, r0 + ow + t0), vb);
            FloatVector b = w00.fma(FloatVector.fromArray(S, src, r0 + p + t0), vb);
            a = w01.fma(FloatVector.fromArray(S, src, r0 + ow + t1), a);
            b = w01.fma(FloatVector.fromArray(S, src, r0 + p + t1), b);
            a = w02.fma(FloatVector.fromArray(S, src, r0 + ow + t2), a);
            b = w02.fma(FloatVector.fromArray(S, src, r0 + p + t2), b);
            a = w10.fma(FloatVector.fromArray(S, src, r1 + ow + t0), a);
            b = w10.fma(FloatVector.fromArray(S, src, r1 + p + t0), b);
            a = w11.fma(FloatVector.fromArray(S, src, r1 + ow + t1), a);
            b = w11.fma(FloatVector.fromArray(S, src, r1 + p + t1), b);
            a = w12.fma(FloatVector.fromArray(S, src, r1 + ow + t2), a);
            b = w12.fma(FloatVector.fromArray(S, src, r1 + p + t2), b);
            a = w20.fma(FloatVector.fromArray(S, src, r2 + ow + t0), a);
            b = w20.fma(FloatVector.fromArray(S, src, r2 + p + t0), b);
            a = w21.fma(FloatVector.fromArray(S, src, r2 + ow + t1), a);
            b = w21.fma(FloatVector.fromArray(S, src, r2 + p + t1), b);
            a = w22.fma(FloatVector.fromArray(S, src, r2 + ow + t2), a);
            b = w22.fma(FloatVector.fromArray(S, src, r2 + p + t2), b);
            a.intoArray(y, yo + ow);
            b.intoArray(y, yo + p);
        }
        while (ow < inHi) {
            if (ow > inHi - L) ow = inHi - L;
            FloatVector a = w00.fma(FloatVector.fromArray(S, src, r0 + ow + t0), vb);
            a = w01.fma(FloatVector.fromArray(S, src, r0 + ow + t1), a);
            a = w02.fma(FloatVector.fromArray(S, src, r0 + ow + t2), a);
            a = w10.fma(FloatVector.fromArray(S, src, r1 + ow + t0), a);
            a = w11.fma(FloatVector.fromArray(S, src, r1 + ow + t1), a);
            a = w12.fma(FloatVector.fromArray(S, src, r1 + ow + t2), a);
            a = w20.fma(FloatVector.fromArray(S, src, r2 + ow + t0), a);
            a = w21.fma(FloatVector.fromArray(S, src, r2 + ow + t1), a);
            a = w22.fma(FloatVector.fromArray(S, src, r2 + ow + t2), a);
            a.intoArray(y, yo + ow);
            ow += L;
        }
    }

    /**
     * As {@link #row3x3} for a row with two input rows inside the plane (r1 = -1: only one), weights from
     * w[wm] (the first valid kernel row): the border rows of a padded plane.
     */
    private static void row2x3(float[] src, int r0, int r1, int t0, int t1, int t2, float[] w, int wm, float bias,
                               float[] y, int yo, int inLo, int inHi) {
        boolean two = r1 >= 0;
        FloatVector vb = FloatVector.broadcast(S, bias);
        FloatVector w00 = FloatVector.broadcast(S, w[wm]), w01 = FloatVector.broadcast(S, w[wm + 1]);
        FloatVector w02 = FloatVector.broadcast(S, w[wm + 2]);
        FloatVector w10 = FloatVector.broadcast(S, two ? w[wm + 3] : 0f), w11 = FloatVector.broadcast(S, two ? w[wm + 4] : 0f);
        FloatVector w12 = FloatVector.broadcast(S, two ? w[wm + 5] : 0f);
        for (int ow = inLo; ow < inHi; ow += L) {
            if (ow > inHi - L) ow = inHi - L;
            FloatVector a = w00.fma(FloatVector.fromArray(S, src, r0 + ow + t0), vb);
            a = w01.fma(FloatVector.fromArray(S, src, r0 + ow + t1), a);
            a = w02.fma(FloatVector.fromArray(S, src, r0 + ow + t2), a);
            if (two) {
                a = w10.fma(FloatVector.fromArray(S, src, r1 + ow + t0), a);
                a = w11.fma(FloatVector.fromArray(S, src, r1 + ow + t1), a);
                a = w12.fma(FloatVector.fromArray(S, src, r1 + ow + t2), a);
            }
            a.intoArray(y, yo + ow);
        }
    }

    /** Interior outputs [inLo, inHi) of a row, any kernel: taps in (kd, kh, kw) order. */
    private static void rowGeneric(float[] src, int[] rowV, int[] rowW, int nr, int[] tap, int kw0, float[] w, float bias,
                                   float[] y, int yo, int inLo, int inHi) {
        FloatVector vb = FloatVector.broadcast(S, bias);
        for (int ow = inLo; ; ow += L) {
            if (ow > inHi - L) ow = inHi - L;
            FloatVector acc = vb;
            for (int r = 0; r < nr; r++) {
                int base = rowV[r] + ow, wr = rowW[r];
                for (int kw = 0; kw < kw0; kw++) {
                    acc = FloatVector.broadcast(S, w[wr + kw]).fma(FloatVector.fromArray(S, src, base + tap[kw]), acc);
                }
            }
            acc.intoArray(y, yo + ow);
            if (ow == inHi - L) break;
        }
    }

    /** e[eo + j] = x[xo + 2j] and o[oo + j] = x[xo + 2j + 1] over a row of n elements. */
    private static void deinterleave(float[] x, int xo, int n, float[] d, int eo, int oo) {
        int j = 0;
        for (; 2 * j + 2 * L <= n; j += L) {
            FloatVector a = FloatVector.fromArray(S, x, xo + 2 * j), b = FloatVector.fromArray(S, x, xo + 2 * j + L);
            a.rearrange(VectorStrided.EVEN).blend(b.rearrange(VectorStrided.EVEN), VectorStrided.HIGH).intoArray(d, eo + j);
            a.rearrange(VectorStrided.ODD).blend(b.rearrange(VectorStrided.ODD), VectorStrided.HIGH).intoArray(d, oo + j);
        }
        for (; 2 * j < n; j++) {
            d[eo + j] = x[xo + 2 * j];
            if (2 * j + 1 < n) d[oo + j] = x[xo + 2 * j + 1];
        }
    }

    static int firstTap(int start, int dilation) {
        return start >= 0 ? 0 : Math.ceilDiv(-start, dilation);
    }

    static int endTap(int start, int hi, int dilation, int kernel) {
        if (hi - start <= 0) return 0;
        return Math.min(kernel, Math.ceilDiv(hi - start, dilation));
    }
}
