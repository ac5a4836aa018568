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

    /** Interior outputs [inLo, inHi) of a row of a 3x3 kernel with all three input rows present; weights stay in registers. */
    private static void row3x3(float[] src, int r0, int r1, int r2, int t0, int t1, int t2, float[] w, int wm, float bias,
                               float[] y, int yo, int inLo, int inHi) {
        FloatVector vb = FloatVector.broadcast(S, bias);
        FloatVector w00 = FloatVector.broadcast(S, w[wm]), w01 = FloatVector.broadcast(S, w[wm + 1]);
        FloatVector w02 = FloatVector.broadcast(S, w[wm + 2]), w10 = FloatVector.broadcast(S, w[wm + 3]);
        FloatVector w11 = FloatVector.broadcast(S, w[wm + 4]), w12 = FloatVector.broadcast(S, w[wm + 5]);
        FloatVector w20 = FloatVector.broadcast(S, w[wm + 6]), w21 = FloatVector.broadcast(S, w[wm + 7]);
        FloatVector w22 = FloatVector.broadcast(S, w[wm + 8]);
        for (int ow = inLo; ; ow += L) {
            if (ow > inHi - L) ow = inHi - L;
            FloatVector acc = w00.fma(FloatVector.fromArray(S, src, r0 + ow + t0), vb);
            acc = w01.fma(FloatVector.fromArray(S, src, r0 + ow + t1), acc);
            acc = w02.fma(FloatVector.fromArray(S, src, r0 + ow + t2), acc);
            acc = w10.fma(FloatVector.fromArray(S, src, r1 + ow + t0), acc);
            acc = w11.fma(FloatVector.fromArray(S, src, r1 + ow + t1), acc);
            acc = w12.fma(FloatVector.fromArray(S, src, r1 + ow + t2), acc);
            acc = w20.fma(FloatVector.fromArray(S, src, r2 + ow + t0), acc);
            acc = w21.fma(FloatVector.fromArray(S, src, r2 + ow + t1), acc);
            acc = w22.fma(FloatVector.fromArray(S, src, r2 + ow + t2), acc);
            acc.intoArray(y, yo + ow);
            if (ow == inHi - L) break;
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
