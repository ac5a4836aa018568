package dev.onyx.kernel.vector;

import dev.onyx.kernel.ConvGeometry;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * 2-D max pooling of L planes at once, one plane per vector lane (see {@link VectorDepthwiseBlock}, whose
 * 8x8 register transposes it shares): a strip of input rows is copied plane-interleaved (position-major, L
 * planes per position) into a scratch buffer, every input row is reduced along W into one vector per output
 * column (its valid taps in kw order), then every output row takes its valid rows of those in kh order, and
 * the results are copied back plane by plane. Every operation is a full-width {@link VectorPool#omax}, on
 * short rows and borders alike, and stride 2 needs no deinterleaving.
 *
 * <p>The ordered maximum is associative ({@code PoolFloatTest.orderedMaxIsTheReferenceAndAssociative}), so
 * reducing each row in kw order and then the rows in kh order gives the bits of the reference loop (the
 * taps in (kh, kw) order) for every output, NaN payloads and signed zeros included: no output needs redoing.
 * A window without valid taps gives -Inf, as in the reference.
 */
final class VectorPoolBlock {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /** Floats of interleaved input rows per strip (64 KiB). */
    private static final int STRIP_FLOATS = 1 << 14;

    /** Per thread: interleaved input rows, their W reductions, interleaved outputs. */
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[3][0]);

    private VectorPoolBlock() {}

    private static float[] grow(float[][] s, int i, int n) {
        if (s[i].length < n) s[i] = new float[n];
        return s[i];
    }

    /**
     * Planes [0, L) from x[xc + c * inSize] to y[yc + c * outSize]; g is 3-D with a trivial first axis, h and
     * w the first and end valid taps per output row and column.
     */
    static void block(float[] x, int xc, float[] y, int yc, ConvGeometry g, int[][] h, int[][] w) {
        int ih0 = g.in()[1], iw0 = g.in()[2];
        int kh0 = g.kernel()[1];
        int sh = g.strides()[1], dh = g.dilations()[1], ph = g.padBegin()[1];
        int oh0 = g.out()[1];
        // output rows per strip: their input rows fit STRIP_FLOATS
        int rowsFit = STRIP_FLOATS / Math.max(1, iw0 * L);
        int strip = Math.max(1, (rowsFit - (kh0 - 1) * dh - 1) / Math.max(1, sh) + 1);
        for (int ohFrom = 0; ohFrom < oh0; ohFrom += strip) {
            int ohTo = Math.min(oh0, ohFrom + strip);
            strip(x, xc, y, yc, g, h, w, ohFrom, ohTo);
        }
    }

    private static void strip(float[] x, int xc, float[] y, int yc, ConvGeometry g, int[][] h, int[][] w,
                              int ohFrom, int ohTo) {
        int ih0 = g.in()[1], iw0 = g.in()[2];
        int kh0 = g.kernel()[1], kw0 = g.kernel()[2];
        int sh = g.strides()[1], sw = g.strides()[2];
        int dh = g.dilations()[1], dw = g.dilations()[2];
        int ph = g.padBegin()[1], pw = g.padBegin()[2];
        int oh0 = g.out()[1], ow0 = g.out()[2];
        int ihLo = Math.max(0, ohFrom * sh - ph);
        int ihHi = Math.min(ih0, (ohTo - 1) * sh - ph + (kh0 - 1) * dh + 1);
        int rowsIn = Math.max(0, ihHi - ihLo);
        int rowOut = ow0 * L;
        float[][] s = SCRATCH.get();
        float[] in = grow(s, 0, rowsIn * iw0 * L);
        float[] hb = grow(s, 1, rowsIn * rowOut);
        float[] out = grow(s, 2, (ohTo - ohFrom) * rowOut);
        if (rowsIn > 0) VectorDepthwiseBlock.interleaveAll(x, xc + ihLo * iw0, ih0 * iw0, rowsIn * iw0, in);
        // columns whose whole kw range lies inside the row
        int inLo = Math.min(ow0, Math.ceilDiv(pw, sw));
        int last = iw0 - 1 - (kw0 - 1) * dw + pw;
        int inHi = last < 0 ? inLo : Math.max(inLo, Math.min(ow0, Math.floorDiv(last, sw) + 1));
        for (int r = 0; r < rowsIn; r++) {
            int rb = r * iw0 * L, ho = r * rowOut;
            for (int ow = 0; ow < inLo; ow++) column(in, rb + (ow * sw - pw) * L, dw * L, w[0][ow], w[1][ow], hb, ho + ow * L);
            if (kw0 == 3 && dw == 1) {
                columns3(in, rb + (inLo * sw - pw) * L, sw * L, hb, ho + inLo * L, inHi - inLo);
            } else {
                for (int ow = inLo; ow < inHi; ow++) column(in, rb + (ow * sw - pw) * L, dw * L, 0, kw0, hb, ho + ow * L);
            }
            for (int ow = Math.max(inLo, inHi); ow < ow0; ow++) {
                column(in, rb + (ow * sw - pw) * L, dw * L, w[0][ow], w[1][ow], hb, ho + ow * L);
            }
        }
        for (int oh = ohFrom; oh < ohTo; oh++) {
            int oo = (oh - ohFrom) * rowOut;
            int lo = h[0][oh], hi = h[1][oh];
            if (lo == hi) {
                java.util.Arrays.fill(out, oo, oo + rowOut, Float.NEGATIVE_INFINITY);
                continue;
            }
            int r0 = (oh * sh - ph + lo * dh - ihLo) * rowOut, step = dh * rowOut;
            if (hi - lo == 1) {
                System.arraycopy(hb, r0, out, oo, rowOut);
            } else if (hi - lo == 2) {
                combine2(hb, r0, r0 + step, out, oo, rowOut);
            } else {
                combine3(hb, r0, r0 + step, r0 + 2 * step, out, oo, rowOut);
                for (int kh = lo + 3; kh < hi; kh++) accumulate(out, oo, hb, r0 + (kh - lo) * step, rowOut);
            }
        }
        VectorDepthwiseBlock.deinterleaveAll(out, (ohTo - ohFrom) * ow0, y, yc + ohFrom * ow0, oh0 * ow0);
    }

    /** d[dp, dp + L) = omax over kw in [lo, hi) of the vectors at p + kw * step, in order; -Inf when empty. */
    private static void column(float[] in, int p, int step, int lo, int hi, float[] d, int dp) {
        if (lo >= hi) {
            FloatVector.broadcast(S, Float.NEGATIVE_INFINITY).intoArray(d, dp);
            return;
        }
        FloatVector acc = FloatVector.fromArray(S, in, p + lo * step);
        for (int kw = lo + 1; kw < hi; kw++) acc = VectorPool.omax(acc, FloatVector.fromArray(S, in, p + kw * step));
        acc.intoArray(d, dp);
    }

    /** n columns of three consecutive taps, the first at p, the next column step further. */
    private static void columns3(float[] in, int p, int step, float[] d, int dp, int n) {
        for (int i = 0; i < n; i++, p += step, dp += L) {
            VectorPool.omax(VectorPool.omax(FloatVector.fromArray(S, in, p), FloatVector.fromArray(S, in, p + L)),
                    FloatVector.fromArray(S, in, p + 2 * L)).intoArray(d, dp);
        }
    }

    /** r[ro + j] = omax(a[ao + j], a[bo + j]) for j in [0, n), n a multiple of L. */
    private static void combine2(float[] a, int ao, int bo, float[] r, int ro, int n) {
        for (int j = 0; j < n; j += L) {
            VectorPool.omax(FloatVector.fromArray(S, a, ao + j), FloatVector.fromArray(S, a, bo + j)).intoArray(r, ro + j);
        }
    }

    /** r[ro + j] = omax(r[ro + j], b[bo + j]) for j in [0, n), n a multiple of L. */
    private static void accumulate(float[] r, int ro, float[] b, int bo, int n) {
        for (int j = 0; j < n; j += L) {
            VectorPool.omax(FloatVector.fromArray(S, r, ro + j), FloatVector.fromArray(S, b, bo + j)).intoArray(r, ro + j);
        }
    }

    /** r[ro + j] = omax(omax(a[ao + j], a[bo + j]), a[co + j]) for j in [0, n), n a multiple of L. */
    private static void combine3(float[] a, int ao, int bo, int co, float[] r, int ro, int n) {
        for (int j = 0; j < n; j += L) {
            VectorPool.omax(VectorPool.omax(FloatVector.fromArray(S, a, ao + j), FloatVector.fromArray(S, a, bo + j)),
                    FloatVector.fromArray(S, a, co + j)).intoArray(r, ro + j);
        }
    }
}
