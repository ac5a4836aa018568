package dev.onyx.kernel.vector;

import dev.onyx.kernel.Winograd;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API tile transforms of {@link Winograd} F(2x2, 3x3), one tile per lane. Input: the staged rows hold even
 * and odd columns apart, so the four columns of L tiles two columns apart are four plain loads
 * (even k, odd k, even k + 1, odd k + 1); B^T d B is then adds and subtracts. Output: A^T m A, then the two
 * output columns of each tile are interleaved back by permutes and blends.
 */
public final class VectorWinograd implements Winograd.Transforms {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /** Lane i takes lane i / 2 (low half spread over pairs). */
    private static final VectorShuffle<Float> SPREAD_LO = VectorShuffle.fromOp(S, i -> i / 2);
    /** Lane i takes lane L / 2 + i / 2 (high half spread over pairs). */
    private static final VectorShuffle<Float> SPREAD_HI = VectorShuffle.fromOp(S, i -> L / 2 + i / 2);
    private static final VectorMask<Float> ODD = VectorMask.fromLong(S, 0xAAAAAAAAAAAAAAAAL & ((1L << L) - 1));
    private static final ThreadLocal<float[]> TAIL = ThreadLocal.withInitial(() -> new float[4 * L]);
    /** One zero-padded input row. */
    private static final ThreadLocal<float[][]> ROW = ThreadLocal.withInitial(() -> new float[1][0]);

    public VectorWinograd() {}

    @Override
    public int lanes() { return L; }

    @Override
    public void stageRow(float[] x, int src, int w, int pl, float[] staged, int at, int half) {
        float[][] holder = ROW.get();
        int len = 2 * half + 2 * L;
        if (holder[0].length < len) holder[0] = new float[len];
        float[] p = holder[0];
        int copy = Math.max(0, Math.min(w, 2 * half - pl));
        java.util.Arrays.fill(p, 0, Math.min(pl, len), 0f);
        System.arraycopy(x, src, p, pl, copy);
        java.util.Arrays.fill(p, Math.min(pl + copy, len), len, 0f);
        for (int k = 0; k < half; k += L) VectorStrided.evenInto(p, 2 * k, staged, at + k);
        for (int k = 0; k < half; k += L) VectorStrided.evenInto(p, 2 * k + 1, staged, at + half + k);
    }

    @Override
    public void input(float[] s, int at, int rowLen, int e1, int o0, int o1, float[] v, int vo, int xs) {
        columns01(s, at, rowLen, e1, o0, v, vo, xs);
        columns23(s, at, rowLen, e1, o0, o1, v, vo + 2 * xs, xs);
    }

    /**
     * Horizontal outputs 0 and 1 (d0 - d2, d1 + d2) of the four rows, then the vertical transform of each:
     * xi = 4 i + j for vertical output i, horizontal output j.
     */
    private static void columns01(float[] s, int at, int rowLen, int e, int o, float[] v, int vo, int xs) {
        FloatVector e1 = FloatVector.fromArray(S, s, at + e), o0 = FloatVector.fromArray(S, s, at + o);
        FloatVector a0 = FloatVector.fromArray(S, s, at).sub(e1), b0 = o0.add(e1);
        at += rowLen;
        e1 = FloatVector.fromArray(S, s, at + e);
        o0 = FloatVector.fromArray(S, s, at + o);
        FloatVector a1 = FloatVector.fromArray(S, s, at).sub(e1), b1 = o0.add(e1);
        at += rowLen;
        e1 = FloatVector.fromArray(S, s, at + e);
        o0 = FloatVector.fromArray(S, s, at + o);
        FloatVector a2 = FloatVector.fromArray(S, s, at).sub(e1), b2 = o0.add(e1);
        at += rowLen;
        e1 = FloatVector.fromArray(S, s, at + e);
        o0 = FloatVector.fromArray(S, s, at + o);
        FloatVector a3 = FloatVector.fromArray(S, s, at).sub(e1), b3 = o0.add(e1);
        a0.sub(a2).intoArray(v, vo);
        b0.sub(b2).intoArray(v, vo + xs);
        a1.add(a2).intoArray(v, vo + 4 * xs);
        b1.add(b2).intoArray(v, vo + 5 * xs);
        a2.sub(a1).intoArray(v, vo + 8 * xs);
        b2.sub(b1).intoArray(v, vo + 9 * xs);
        a1.sub(a3).intoArray(v, vo + 12 * xs);
        b1.sub(b3).intoArray(v, vo + 13 * xs);
    }

    /** Horizontal outputs 2 and 3 (d2 - d1, d1 - d3), as {@link #columns01}; vo is where xi = 2 goes. */
    private static void columns23(float[] s, int at, int rowLen, int e, int o, int o1, float[] v, int vo, int xs) {
        FloatVector o0 = FloatVector.fromArray(S, s, at + o);
        FloatVector a0 = FloatVector.fromArray(S, s, at + e).sub(o0), b0 = o0.sub(FloatVector.fromArray(S, s, at + o1));
        at += rowLen;
        o0 = FloatVector.fromArray(S, s, at + o);
        FloatVector a1 = FloatVector.fromArray(S, s, at + e).sub(o0), b1 = o0.sub(FloatVector.fromArray(S, s, at + o1));
        at += rowLen;
        o0 = FloatVector.fromArray(S, s, at + o);
        FloatVector a2 = FloatVector.fromArray(S, s, at + e).sub(o0), b2 = o0.sub(FloatVector.fromArray(S, s, at + o1));
        at += rowLen;
        o0 = FloatVector.fromArray(S, s, at + o);
        FloatVector a3 = FloatVector.fromArray(S, s, at + e).sub(o0), b3 = o0.sub(FloatVector.fromArray(S, s, at + o1));
        a0.sub(a2).intoArray(v, vo);
        b0.sub(b2).intoArray(v, vo + xs);
        a1.add(a2).intoArray(v, vo + 4 * xs);
        b1.add(b2).intoArray(v, vo + 5 * xs);
        a2.sub(a1).intoArray(v, vo + 8 * xs);
        b2.sub(b1).intoArray(v, vo + 9 * xs);
        a1.sub(a3).intoArray(v, vo + 12 * xs);
        b1.sub(b3).intoArray(v, vo + 13 * xs);
    }

    @Override
    public void output(float[] m, int mo, int xs, float bias, float[] y, int yo, int ldy, int cols, int rows) {
        if (cols == 2 * L && rows == 2) {
            outputRow(m, mo, xs, bias, y, yo, 1f);
            outputRow(m, mo + 4 * xs, xs, bias, y, yo + ldy, -1f);
            return;
        }
        float[] t = TAIL.get();
        outputRow(m, mo, xs, bias, t, 0, 1f);
        outputRow(m, mo + 4 * xs, xs, bias, t, 2 * L, -1f);
        for (int r = 0; r < rows; r++) System.arraycopy(t, r * 2 * L, y, yo + r * ldy, cols);
    }

    /**
     * One output row of L tiles: sign 1 gives row 0 = rows 0 + 1 + 2 of the products (mo at product row 0), sign -1
     * row 1 = rows 1 - 2 - 3 (mo at product row 1); each row folded by columns the same way, then interleaved.
     */
    private static void outputRow(float[] m, int mo, int xs, float bias, float[] y, int yo, float sign) {
        FloatVector r0 = FloatVector.fromArray(S, m, mo), r1 = FloatVector.fromArray(S, m, mo + xs);
        FloatVector r2 = FloatVector.fromArray(S, m, mo + 2 * xs), r3 = FloatVector.fromArray(S, m, mo + 3 * xs);
        FloatVector p0 = FloatVector.fromArray(S, m, mo + 4 * xs), p1 = FloatVector.fromArray(S, m, mo + 5 * xs);
        FloatVector p2 = FloatVector.fromArray(S, m, mo + 6 * xs), p3 = FloatVector.fromArray(S, m, mo + 7 * xs);
        FloatVector q0 = FloatVector.fromArray(S, m, mo + 8 * xs), q1 = FloatVector.fromArray(S, m, mo + 9 * xs);
        FloatVector q2 = FloatVector.fromArray(S, m, mo + 10 * xs), q3 = FloatVector.fromArray(S, m, mo + 11 * xs);
        // vertical: sign 1: r + p + q (rows 0, 1, 2); sign -1: r - p - q (rows 1, 2, 3)
        FloatVector c0, c1, c2, c3;
        if (sign > 0) {
            c0 = r0.add(p0).add(q0);
            c1 = r1.add(p1).add(q1);
            c2 = r2.add(p2).add(q2);
            c3 = r3.add(p3).add(q3);
        } else {
            c0 = r0.sub(p0).sub(q0);
            c1 = r1.sub(p1).sub(q1);
            c2 = r2.sub(p2).sub(q2);
            c3 = r3.sub(p3).sub(q3);
        }
        FloatVector bv = FloatVector.broadcast(S, bias);
        FloatVector y0 = c0.add(c1).add(c2).add(bv);
        FloatVector y1 = c1.sub(c2).sub(c3).add(bv);
        y0.rearrange(SPREAD_LO).blend(y1.rearrange(SPREAD_LO), ODD).intoArray(y, yo);
        y0.rearrange(SPREAD_HI).blend(y1.rearrange(SPREAD_HI), ODD).intoArray(y, yo + L);
    }
}
