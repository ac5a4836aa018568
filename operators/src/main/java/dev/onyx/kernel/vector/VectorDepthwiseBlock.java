package dev.onyx.kernel.vector;

import dev.onyx.kernel.ConvGeometry;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Depthwise convolution of L channels at once, one channel per vector lane: the rows a strip of outputs
 * reads are copied channel-interleaved (position-major, L channels per position) into a scratch buffer,
 * every output position is then one chain of full-width fused multiply-adds whatever its place in the
 * plane (borders just run fewer taps), and the results are copied back plane by plane. Small planes
 * (14x14, 7x7) have no per-row setup or short-row cost this way, and stride 2 needs no deinterleaving; the
 * copies are 8x8 register transposes on 256-bit vectors. Each output is the bias plus its valid
 * taps in (kh, kw) order, exactly as the plane kernels compute it, so the bits are the same.
 */
final class VectorDepthwiseBlock {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();

    /** Per thread: interleaved input rows, interleaved outputs, interleaved weights then bias. */
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[3][0]);
    /** Per thread: first and end valid kw of each output column. */
    private static final ThreadLocal<int[][]> TABLES = ThreadLocal.withInitial(() -> new int[2][0]);

    private VectorDepthwiseBlock() {}

    private static float[] grow(float[][] s, int i, int n) {
        if (s[i].length < n) s[i] = new float[n];
        return s[i];
    }

    private static int[] grow(int[][] s, int i, int n) {
        if (s[i].length < n) s[i] = new int[n];
        return s[i];
    }

    /** See {@link dev.onyx.kernel.DepthwiseFloat.Kernel#block}; g is 3-D with a trivial first axis. */
    static void block(float[] x, int xc, float[] w, int wc, float[] b, int bc, float[] y, int yc, ConvGeometry g,
                      int ohFrom, int ohTo) {
        int ih0 = g.in()[1], iw0 = g.in()[2];
        int kh0 = g.kernel()[1], kw0 = g.kernel()[2];
        int sh = g.strides()[1], sw = g.strides()[2];
        int dh = g.dilations()[1], dw = g.dilations()[2];
        int ph = g.padBegin()[1], pw = g.padBegin()[2];
        int oh0 = g.out()[1], ow0 = g.out()[2];
        int inSize = ih0 * iw0, outSize = oh0 * ow0, ks = kh0 * kw0;
        // the input rows this strip reads
        int ihLo = Math.max(0, ohFrom * sh - ph);
        int ihHi = Math.min(ih0, (ohTo - 1) * sh - ph + (kh0 - 1) * dh + 1);
        int rowsIn = Math.max(0, ihHi - ihLo);
        int outCount = (ohTo - ohFrom) * ow0;
        float[][] s = SCRATCH.get();
        float[] in = grow(s, 0, rowsIn * iw0 * L);
        float[] out = grow(s, 1, outCount * L);
        float[] wv = grow(s, 2, (ks + 1) * L);
        for (int c = 0; c < L; c++) {
            for (int t = 0; t < ks; t++) wv[t * L + c] = w[wc + c * ks + t];
            wv[ks * L + c] = b == null ? 0f : b[bc + c];
        }
        int n = rowsIn * iw0;
        interleaveAll(x, xc + ihLo * iw0, inSize, n, in);

        int[][] tables = TABLES.get();
        int[] kwLo = grow(tables, 0, ow0), kwHi = grow(tables, 1, ow0);
        for (int ow = 0; ow < ow0; ow++) {
            int start = ow * sw - pw;
            kwLo[ow] = VectorDepthwise.firstTap(start, dw);
            kwHi[ow] = Math.max(kwLo[ow], VectorDepthwise.endTap(start, iw0, dw, kw0));
        }
        // columns whose whole kw range lies inside the row
        int inLo = Math.min(ow0, Math.ceilDiv(pw, sw));
        int last = iw0 - 1 - (kw0 - 1) * dw + pw;
        int inHi = last < 0 ? inLo : Math.max(inLo, Math.min(ow0, Math.floorDiv(last, sw) + 1));
        boolean k33 = kh0 == 3 && kw0 == 3 && dh == 1 && dw == 1;
        int rowStep = dh * iw0 * L, colStep = dw * L, biasAt = ks * L;
        for (int oh = ohFrom; oh < ohTo; oh++) {
            int hStart = oh * sh - ph;
            int khLo = VectorDepthwise.firstTap(hStart, dh), khHi = Math.max(khLo, VectorDepthwise.endTap(hStart, ih0, dh, kh0));
            // offset of input row hStart, column -pw (never read outside the valid taps)
            int rowBase = ((hStart - ihLo) * iw0 - pw) * L;
            int oo = (oh - ohFrom) * ow0 * L;
            int from = 0;
            if (k33 && khLo == 0 && khHi == 3 && inHi > inLo) {
                for (int ow = 0; ow < inLo; ow++) {
                    output(in, rowBase + ow * sw * L, rowStep, khLo, khHi, colStep, kwLo[ow], kwHi[ow], kw0, wv, biasAt, out, oo + ow * L);
                }
                row3x3(in, rowBase, iw0 * L, sw * L, wv, out, oo, inLo, inHi);
                from = inHi;
            }
            for (int ow = from; ow < ow0; ow++) {
                output(in, rowBase + ow * sw * L, rowStep, khLo, khHi, colStep, kwLo[ow], kwHi[ow], kw0, wv, biasAt, out, oo + ow * L);
            }
        }
        deinterleaveAll(out, outCount, y, yc + ohFrom * ow0, outSize);
    }

    /** Interleaves L planes (plane c from xo + c * planeStride) over positions [0, n) into d (position-major). */
    static void interleaveAll(float[] x, int xo, int planeStride, int n, float[] d) {
        int i = 0;
        if (L == 8) {
            for (; i + 8 <= n; i += 8) transpose8(x, xo + i, planeStride, d, i * 8, 8);
        }
        for (int c = 0; c < L; c++) {
            for (int p = i, j = i * L + c; p < n; p++, j += L) d[j] = x[xo + c * planeStride + p];
        }
    }

    /** Inverse of {@link #interleaveAll}: plane c of y (from yo + c * planeStride) gets lane c of positions [0, n) of t. */
    static void deinterleaveAll(float[] t, int n, float[] y, int yo, int planeStride) {
        int i = 0;
        if (L == 8) {
            for (; i + 8 <= n; i += 8) transpose8(t, i * 8, 8, y, yo + i, planeStride);
        }
        for (int c = 0; c < L; c++) {
            for (int p = i, j = i * L + c; p < n; p++, j += L) y[yo + c * planeStride + p] = t[j];
        }
    }

    private static final jdk.incubator.vector.VectorShuffle<Float> SWAP1 = jdk.incubator.vector.VectorShuffle.fromOp(S, i -> i ^ 1);
    private static final jdk.incubator.vector.VectorShuffle<Float> SWAP2 = jdk.incubator.vector.VectorShuffle.fromOp(S, i -> i ^ 2);
    private static final jdk.incubator.vector.VectorShuffle<Float> SWAP4 = jdk.incubator.vector.VectorShuffle.fromOp(S, i -> (i ^ 4) % L);
    private static final jdk.incubator.vector.VectorMask<Float> BIT1 = jdk.incubator.vector.VectorMask.fromLong(S, 0xAAL);
    private static final jdk.incubator.vector.VectorMask<Float> BIT2 = jdk.incubator.vector.VectorMask.fromLong(S, 0xCCL);
    private static final jdk.incubator.vector.VectorMask<Float> BIT4 = jdk.incubator.vector.VectorMask.fromLong(S, 0xF0L);

    /**
     * An 8x8 transpose (L == 8): row k of the result (stored at d0 + k * dStride) is lane k of the 8 rows
     * loaded from s0 + r * sStride. Three rounds of lane swaps and blends, no scalar moves.
     */
    private static void transpose8(float[] s, int s0, int sStride, float[] d, int d0, int dStride) {
        FloatVector r0 = FloatVector.fromArray(S, s, s0), r1 = FloatVector.fromArray(S, s, s0 + sStride);
        FloatVector r2 = FloatVector.fromArray(S, s, s0 + 2 * sStride), r3 = FloatVector.fromArray(S, s, s0 + 3 * sStride);
        FloatVector r4 = FloatVector.fromArray(S, s, s0 + 4 * sStride), r5 = FloatVector.fromArray(S, s, s0 + 5 * sStride);
        FloatVector r6 = FloatVector.fromArray(S, s, s0 + 6 * sStride), r7 = FloatVector.fromArray(S, s, s0 + 7 * sStride);
        // round 1: neighbouring lanes of row pairs (0,1) (2,3) (4,5) (6,7)
        FloatVector a0 = r0.blend(r1.rearrange(SWAP1), BIT1), a1 = r0.rearrange(SWAP1).blend(r1, BIT1);
        FloatVector a2 = r2.blend(r3.rearrange(SWAP1), BIT1), a3 = r2.rearrange(SWAP1).blend(r3, BIT1);
        FloatVector a4 = r4.blend(r5.rearrange(SWAP1), BIT1), a5 = r4.rearrange(SWAP1).blend(r5, BIT1);
        FloatVector a6 = r6.blend(r7.rearrange(SWAP1), BIT1), a7 = r6.rearrange(SWAP1).blend(r7, BIT1);
        // round 2: lane pairs of rows (0,2) (1,3) (4,6) (5,7)
        FloatVector b0 = a0.blend(a2.rearrange(SWAP2), BIT2), b2 = a0.rearrange(SWAP2).blend(a2, BIT2);
        FloatVector b1 = a1.blend(a3.rearrange(SWAP2), BIT2), b3 = a1.rearrange(SWAP2).blend(a3, BIT2);
        FloatVector b4 = a4.blend(a6.rearrange(SWAP2), BIT2), b6 = a4.rearrange(SWAP2).blend(a6, BIT2);
        FloatVector b5 = a5.blend(a7.rearrange(SWAP2), BIT2), b7 = a5.rearrange(SWAP2).blend(a7, BIT2);
        // round 3: halves of rows (0,4) (1,5) (2,6) (3,7)
        b0.blend(b4.rearrange(SWAP4), BIT4).intoArray(d, d0);
        b1.blend(b5.rearrange(SWAP4), BIT4).intoArray(d, d0 + dStride);
        b2.blend(b6.rearrange(SWAP4), BIT4).intoArray(d, d0 + 2 * dStride);
        b3.blend(b7.rearrange(SWAP4), BIT4).intoArray(d, d0 + 3 * dStride);
        b0.rearrange(SWAP4).blend(b4, BIT4).intoArray(d, d0 + 4 * dStride);
        b1.rearrange(SWAP4).blend(b5, BIT4).intoArray(d, d0 + 5 * dStride);
        b2.rearrange(SWAP4).blend(b6, BIT4).intoArray(d, d0 + 6 * dStride);
        b3.rearrange(SWAP4).blend(b7, BIT4).intoArray(d, d0 + 7 * dStride);
    }

    /** One output position of all L channels: bias, then taps [khLo, khHi) x [kwLo, kwHi) in order. */
    private static void output(float[] in, int base, int rowStep, int khLo, int khHi, int colStep, int kwLo, int kwHi,
                               int kw0, float[] wv, int biasAt, float[] out, int oo) {
        FloatVector acc = FloatVector.fromArray(S, wv, biasAt);
        for (int kh = khLo; kh < khHi; kh++) {
            int r = base + kh * rowStep;
            int wr = kh * kw0 * L;
            for (int kw = kwLo; kw < kwHi; kw++) {
                acc = FloatVector.fromArray(S, wv, wr + kw * L).fma(FloatVector.fromArray(S, in, r + kw * colStep), acc);
            }
        }
        acc.intoArray(out, oo);
    }

    /**
     * Columns [from, to) of a row of a 3x3 undilated kernel with all three input rows present and every
     * column's taps inside the row; four columns at a time keep four independent chains in flight.
     *
     * @param base offset of the row's first tap for column 0; rowStep between input rows; colStep between columns
     */
    private static void row3x3(float[] in, int base, int rowStep, int colStep, float[] wv, float[] out, int oo,
                               int from, int to) {
        int ow = from;
        for (; ow + 4 <= to; ow += 4) {
            quad3x3(in, base + ow * colStep, rowStep, colStep, wv, out, oo + ow * L);
        }
        for (; ow < to; ow++) {
            output(in, base + ow * colStep, rowStep, 0, 3, L, 0, 3, 3, wv, 9 * L, out, oo + ow * L);
        }
    }

    /** Four consecutive columns of {@link #row3x3}: the first tap of the first column at p. */
    private static void quad3x3(float[] in, int p, int r1, int cs, float[] wv, float[] out, int oo) {
        FloatVector bias = FloatVector.fromArray(S, wv, 9 * L);
        FloatVector a0 = bias, a1 = bias, a2 = bias, a3 = bias;
        for (int kh = 0; kh < 3; kh++) {
            int r = p + kh * r1;
            for (int kw = 0; kw < 3; kw++) {
                FloatVector wk = FloatVector.fromArray(S, wv, (kh * 3 + kw) * L);
                int q = r + kw * L;
                a0 = wk.fma(FloatVector.fromArray(S, in, q), a0);
                a1 = wk.fma(FloatVector.fromArray(S, in, q + cs), a1);
                a2 = wk.fma(FloatVector.fromArray(S, in, q + 2 * cs), a2);
                a3 = wk.fma(FloatVector.fromArray(S, in, q + 3 * cs), a3);
            }
        }
        a0.intoArray(out, oo);
        a1.intoArray(out, oo + L);
        a2.intoArray(out, oo + 2 * L);
        a3.intoArray(out, oo + 3 * L);
    }

}
