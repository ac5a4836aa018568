package dev.onyx.kernel.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** Vector API kernels for the one-row case of SGEMM (a row vector times a matrix), without packing. */
final class VectorGemv {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[][] {new float[0], new float[L]});

    private VectorGemv() {}

    /**
     * c[0..n] = alpha * x * op(B) + beta * c, where x[p] = a[aOff + p * aStride] for p in [0, k) and
     * op(B) is k x n. C is not read when beta is 0.
     */
    static void rowTimesMatrix(int aStride, boolean transB, int n, int k, float alpha, float[] a, int aOff,
                               float[] b, int bOff, int ldb, float beta, float[] c, int cOff) {
        // x = alpha * row of op(A), contiguous (per-thread scratch: bands of one product run on several threads)
        float[][] scratch = SCRATCH.get();
        if (scratch[0].length < k) scratch[0] = new float[k];
        float[] x = scratch[0];
        for (int p = 0; p < k; p++) x[p] = alpha * a[aOff + p * aStride];
        if (beta == 0f) java.util.Arrays.fill(c, cOff, cOff + n, 0f);
        else if (beta != 1f) VectorSgemm.scaleC(1, n, beta, c, cOff, n);
        if (transB) {
            float[] lanes = scratch[1];
            for (int j = 0; j < n; j++) c[cOff + j] += dot(x, b, bOff + j * ldb, k, lanes);
        } else {
            axpyRows(x, n, k, b, bOff, ldb, c, cOff);
        }
    }

    /** x . y[yOff, yOff + k); {@code lanes} is scratch of L floats. */
    private static float dot(float[] x, float[] y, int yOff, int k, float[] lanes) {
        FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S);
        int p = 0;
        for (; p + 2 * L <= k; p += 2 * L) {
            s0 = FloatVector.fromArray(S, x, p).fma(FloatVector.fromArray(S, y, yOff + p), s0);
            s1 = FloatVector.fromArray(S, x, p + L).fma(FloatVector.fromArray(S, y, yOff + p + L), s1);
        }
        // lanes summed in a fixed order: reduceLanes(ADD) leaves the order open, and the interpreter and the
        // JIT may pick different ones, which would make results depend on warm-up
        s0.add(s1).intoArray(lanes, 0);
        float sum = 0f;
        for (float v : lanes) sum += v;
        for (; p < k; p++) sum += x[p] * y[yOff + p];
        return sum;
    }

    /** c[0..n] += x * B for row-major B; four vectors of columns at a time. */
    private static void axpyRows(float[] x, int n, int k, float[] b, int bOff, int ldb, float[] c, int cOff) {
        int j = 0;
        for (; j + 4 * L <= n; j += 4 * L) {
            int ci = cOff + j;
            FloatVector s0 = FloatVector.fromArray(S, c, ci), s1 = FloatVector.fromArray(S, c, ci + L);
            FloatVector s2 = FloatVector.fromArray(S, c, ci + 2 * L), s3 = FloatVector.fromArray(S, c, ci + 3 * L);
            for (int p = 0; p < k; p++) {
                int src = bOff + j + p * ldb;
                FloatVector xv = FloatVector.broadcast(S, x[p]);
                s0 = xv.fma(FloatVector.fromArray(S, b, src), s0);
                s1 = xv.fma(FloatVector.fromArray(S, b, src + L), s1);
                s2 = xv.fma(FloatVector.fromArray(S, b, src + 2 * L), s2);
                s3 = xv.fma(FloatVector.fromArray(S, b, src + 3 * L), s3);
            }
            s0.intoArray(c, ci);
            s1.intoArray(c, ci + L);
            s2.intoArray(c, ci + 2 * L);
            s3.intoArray(c, ci + 3 * L);
        }
        for (; j + L <= n; j += L) {
            FloatVector s0 = FloatVector.fromArray(S, c, cOff + j);
            for (int p = 0; p < k; p++) {
                s0 = FloatVector.broadcast(S, x[p]).fma(FloatVector.fromArray(S, b, bOff + j + p * ldb), s0);
            }
            s0.intoArray(c, cOff + j);
        }
        if (j < n) {
            int w = n - j;
            float[] acc = new float[w];
            for (int p = 0; p < k; p++) {
                float xv = x[p];
                int src = bOff + j + p * ldb;
                for (int q = 0; q < w; q++) acc[q] += xv * b[src + q];
            }
            for (int q = 0; q < w; q++) c[cOff + j + q] += acc[q];
        }
    }
}
