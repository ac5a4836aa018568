package dev.onyx.kernel.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/** Stride-2 vector loads by two loads, two permutes and a blend (no gather). */
final class VectorStrided {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /** Even lanes of a vector, repeated in both halves. */
    static final VectorShuffle<Float> EVEN = VectorShuffle.fromOp(S, i -> (2 * i) % L);
    /** Odd lanes of a vector, repeated in both halves. */
    static final VectorShuffle<Float> ODD = VectorShuffle.fromOp(S, i -> (2 * i + 1) % L);
    /** The upper half of the lanes. */
    static final VectorMask<Float> HIGH = VectorMask.fromLong(S, ((1L << L) - 1) & -(1L << (L / 2)));

    private VectorStrided() {}

    /**
     * d[dp, dp + L) = a[p], a[p + 2], ..., a[p + 2(L - 1)]: {@link #even} and the store in one call, so that no
     * vector crosses a method boundary when the JIT does not inline it.
     */
    static void evenInto(float[] a, int p, float[] d, int dp) {
        FloatVector lo = FloatVector.fromArray(S, a, p).rearrange(EVEN);
        FloatVector hi = FloatVector.fromArray(S, a, p + L - 1).rearrange(ODD);
        lo.blend(hi, HIGH).intoArray(d, dp);
    }

    /** a[p], a[p + 2], ..., a[p + 2(L - 1)] as one vector, reading only a[p, p + 2L - 1). */
    static FloatVector even(float[] a, int p) {
        // lanes 0..L/2-1: even lanes of a[p, p + L); lanes L/2..: odd lanes of a[p + L - 1, p + 2L - 1)
        FloatVector lo = FloatVector.fromArray(S, a, p).rearrange(EVEN);
        FloatVector hi = FloatVector.fromArray(S, a, p + L - 1).rearrange(ODD);
        return lo.blend(hi, HIGH);
    }
}
