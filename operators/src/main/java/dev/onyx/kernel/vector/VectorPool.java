package dev.onyx.kernel.vector;

import dev.onyx.kernel.PoolFloat;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API max-pooling row primitives (twin of {@link PoolFloat#SCALAR_MAX}): lanewise max, which has
 * {@link Math#max} semantics, so both give the same value for every output that is neither zero nor NaN.
 * Window stride 1 loads the taps directly; stride 2 deinterleaves pairs of vectors with permutes.
 */
public final class VectorPool implements PoolFloat.MaxKernel {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    static final VectorSpecies<Integer> IS = VectorSpecies.of(int.class, S.vectorShape());

    public VectorPool() {}

    @Override
    public void max(float[] a, int ao, float[] b, int bo, float[] r, int ro, int n) {
        int j = 0;
        for (; j + L <= n; j += L) {
            FloatVector.fromArray(S, a, ao + j).max(FloatVector.fromArray(S, b, bo + j)).intoArray(r, ro + j);
        }
        for (; j < n; j++) r[ro + j] = Math.max(a[ao + j], b[bo + j]);
    }

    @Override
    public void window(float[] r, int ro, int k, int dilation, int stride, float[] y, int yo, int n) {
        if (n < L || stride > 2 || L < 2) {
            PoolFloat.SCALAR_MAX.window(r, ro, k, dilation, stride, y, yo, n);
            return;
        }
        // the last vector overlaps the previous one instead of a scalar tail (outputs are only written)
        if (stride == 1) {
            if (k == 3 && dilation == 1) {
                for (int i = 0; ; i += L) {
                    if (i > n - L) i = n - L;
                    int p = ro + i;
                    FloatVector.fromArray(S, r, p).max(FloatVector.fromArray(S, r, p + 1))
                            .max(FloatVector.fromArray(S, r, p + 2)).intoArray(y, yo + i);
                    if (i == n - L) break;
                }
                return;
            }
            for (int i = 0; ; i += L) {
                if (i > n - L) i = n - L;
                int p = ro + i;
                FloatVector best = FloatVector.fromArray(S, r, p);
                for (int t = 1; t < k; t++) best = best.max(FloatVector.fromArray(S, r, p + t * dilation));
                best.intoArray(y, yo + i);
                if (i == n - L) break;
            }
            return;
        }
        for (int i = 0; ; i += L) {
            if (i > n - L) i = n - L;
            int p = ro + 2 * i;
            FloatVector best = VectorStrided.even(r, p);
            if (k == 3 && dilation == 1) {
                best = best.max(VectorStrided.even(r, p + 1)).max(VectorStrided.even(r, p + 2));
            } else {
                for (int t = 1; t < k; t++) best = best.max(VectorStrided.even(r, p + t * dilation));
            }
            best.intoArray(y, yo + i);
            if (i == n - L) break;
        }
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
