package dev.onyx.kernel.vector;

import dev.onyx.kernel.PoolFloat;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API max-pooling row primitives (twin of {@link PoolFloat#SCALAR_MAX}): {@link PoolFloat#omax}
 * lanewise (a compare, a NaN test and a blend) in every method, short rows included; the scalar twin
 * uses Math.max instead, so the two agree on every output that is neither a zero nor NaN (see
 * {@link PoolFloat.MaxKernel}), and the caller makes the others exact.
 * Windows also report whether any output is a zero or NaN (compares accumulated in a mask).
 * Window stride 1 loads the taps directly; stride 2 deinterleaves pairs of vectors with permutes.
 * Short rows' last vector overlaps the previous one instead of a scalar tail (outputs only depend on
 * the taps, and combining in place is idempotent).
 */
public final class VectorPool implements PoolFloat.MaxKernel {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    static final VectorSpecies<Integer> IS = VectorSpecies.of(int.class, S.vectorShape());

    /** Whether 2-D max pooling goes by blocks of L planes ({@link VectorPoolBlock}); false only to compare. */
    static final boolean BLOCKED = !Boolean.getBoolean("onyx.maxpool.rows");

    public VectorPool() {}

    /** {@link PoolFloat#omax} lanewise. */
    static FloatVector omax(FloatVector a, FloatVector b) {
        return a.blend(b, b.compare(VectorOperators.GT, a).or(a.compare(VectorOperators.NE, a)));
    }

    @Override
    public void combine(float[] a, int ao, float[] b, int bo, float[] r, int ro, int n) {
        if (n < L) {
            for (int j = 0; j < n; j++) r[ro + j] = PoolFloat.omax(a[ao + j], b[bo + j]);
            return;
        }
        for (int j = 0; ; j += L) {
            if (j > n - L) j = n - L;
            omax(FloatVector.fromArray(S, a, ao + j), FloatVector.fromArray(S, b, bo + j)).intoArray(r, ro + j);
            if (j == n - L) break;
        }
    }

    @Override
    public void combine3(float[] a, int ao, int bo, int co, float[] r, int ro, int n) {
        if (n < L) {
            for (int j = 0; j < n; j++) r[ro + j] = PoolFloat.omax(PoolFloat.omax(a[ao + j], a[bo + j]), a[co + j]);
            return;
        }
        for (int j = 0; ; j += L) {
            if (j > n - L) j = n - L;
            omax(omax(FloatVector.fromArray(S, a, ao + j), FloatVector.fromArray(S, a, bo + j)),
                    FloatVector.fromArray(S, a, co + j)).intoArray(r, ro + j);
            if (j == n - L) break;
        }
    }

    /** Lanes of v that are a zero or NaN. */
    static VectorMask<Float> zeroOrNaN(FloatVector v) {
        return v.compare(VectorOperators.EQ, 0f).or(v.compare(VectorOperators.NE, v));
    }

    @Override
    public boolean window(float[] x, int xo, int k, int dilation, int stride, float[] y, int yo, int n) {
        if (n < L || stride > 2 || L < 2) {
            boolean z = false;
            for (int i = 0, p = xo; i < n; i++, p += stride) {
                float best = x[p];
                for (int t = 1; t < k; t++) best = PoolFloat.omax(best, x[p + t * dilation]);
                y[yo + i] = best;
                z |= PoolFloat.zeroOrNaN(best);
            }
            return z;
        }
        if (stride == 1) {
            if (k == 3 && dilation == 1) return window3s1(x, xo, y, yo, n);
            VectorMask<Float> z = S.maskAll(false);
            for (int i = 0; ; i += L) {
                if (i > n - L) i = n - L;
                int p = xo + i;
                FloatVector best = FloatVector.fromArray(S, x, p);
                for (int t = 1; t < k; t++) best = omax(best, FloatVector.fromArray(S, x, p + t * dilation));
                best.intoArray(y, yo + i);
                z = z.or(zeroOrNaN(best));
                if (i == n - L) break;
            }
            return z.anyTrue();
        }
        if (k == 3 && dilation == 1) return window3s2(x, xo, y, yo, n);
        VectorMask<Float> z = S.maskAll(false);
        for (int i = 0; ; i += L) {
            if (i > n - L) i = n - L;
            int p = xo + 2 * i;
            FloatVector best = VectorStrided.even(x, p);
            for (int t = 1; t < k; t++) best = omax(best, VectorStrided.even(x, p + t * dilation));
            best.intoArray(y, yo + i);
            z = z.or(zeroOrNaN(best));
            if (i == n - L) break;
        }
        return z.anyTrue();
    }

    private static boolean window3s1(float[] x, int xo, float[] y, int yo, int n) {
        VectorMask<Float> z = S.maskAll(false);
        for (int i = 0; ; i += L) {
            if (i > n - L) i = n - L;
            int p = xo + i;
            FloatVector v = omax(omax(FloatVector.fromArray(S, x, p), FloatVector.fromArray(S, x, p + 1)),
                    FloatVector.fromArray(S, x, p + 2));
            v.intoArray(y, yo + i);
            z = z.or(zeroOrNaN(v));
            if (i == n - L) break;
        }
        return z.anyTrue();
    }

    private static boolean window3s2(float[] x, int xo, float[] y, int yo, int n) {
        VectorMask<Float> z = S.maskAll(false);
        for (int i = 0; ; i += L) {
            if (i > n - L) i = n - L;
            int p = xo + 2 * i;
            FloatVector v = omax(omax(VectorStrided.even(x, p), VectorStrided.even(x, p + 1)), VectorStrided.even(x, p + 2));
            v.intoArray(y, yo + i);
            z = z.or(zeroOrNaN(v));
            if (i == n - L) break;
        }
        return z.anyTrue();
    }

    /**
     * Blocks of L planes where they were measured faster than rows (1 thread, Zen 3): stride 1 (56x56 1.3-1.6x,
     * 14x14 2.6x) and narrow planes (27x27 stride 2: 1.4x). Wide stride-2 planes (55 wide and up) are a
     * wash: the 8x8 transposes in and out cost about what short rows waste.
     */
    @Override
    public int blockPlanes(dev.onyx.kernel.ConvGeometry g) {
        return BLOCKED && (g.strides()[2] == 1 || g.in()[2] <= 32) ? L : 0;
    }

    @Override
    public void maxBlock(float[] x, int xc, float[] y, int yc, dev.onyx.kernel.ConvGeometry g, int[][] h, int[][] w) {
        VectorPoolBlock.block(x, xc, y, yc, g, h, w);
    }

    @Override
    public boolean hasNaNOrNegativeZero(float[] a, int off, int n) {
        // NaN: bits without sign above those of +Inf; -0 (Integer.MIN_VALUE): bits - 1 wraps to Integer.MAX_VALUE.
        // Running lanewise maxima keep both facts without a branch per vector.
        IntVector nan = IntVector.zero(IS), negZero = IntVector.broadcast(IS, Integer.MIN_VALUE);
        int i = 0;
        for (; i + L <= n; i += L) {
            IntVector b = FloatVector.fromArray(S, a, off + i).reinterpretAsInts();
            nan = nan.max(b.and(0x7fffffff));
            negZero = negZero.max(b.sub(1));
        }
        return nan.compare(VectorOperators.GT, 0x7f800000).anyTrue()
                || negZero.compare(VectorOperators.EQ, Integer.MAX_VALUE).anyTrue()
                || PoolFloat.hasNaNOrNegativeZero(a, off + i, n - i);
    }
}
