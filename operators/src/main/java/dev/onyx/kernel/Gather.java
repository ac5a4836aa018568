package dev.onyx.kernel;

/** Gathers along one axis of a row-major array of any element type, viewed as [outer, axisLen, inner]. */
public final class Gather {
    private Gather() {}

    /**
     * Output [outer, indices.length, inner]: block (o, j) is input block (o, indices[j]). Indices must
     * already be in [0, axisLen).
     */
    public static Object gather(Object src, int outer, int axisLen, int inner, int[] indices) {
        int n = indices.length;
        Object dst = Copy.allocLike(src, Math.multiplyExact(Math.multiplyExact(outer, n), inner));
        int dp = 0;
        for (int o = 0; o < outer; o++) {
            int base = o * axisLen * inner;
            for (int j = 0; j < n; j++) {
                System.arraycopy(src, base + indices[j] * inner, dst, dp, inner);
                dp += inner;
            }
        }
        return dst;
    }
}
