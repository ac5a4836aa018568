package dev.onyx.kernel.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Vector API kernels for the one-row case of SGEMM (a row vector times a matrix), without packing. */
final class VectorGemv {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private VectorGemv() {}

    /**
     * c[0..n] = alpha * x * op(B) + beta * c, where x[p] = a[aOff + p * aStride] for p in [0, k) and
     * op(B) is k x n. C is not read when beta is 0.
     */
    static void rowTimesMatrix(int aStride, boolean transB, int n, int k, float alpha, float[] a, int aOff,
                               float[] b, int bOff, int ldb, float beta, float[] c, int cOff) {
        float[] x = a;
        int xOff = aOff;
        if (aStride != 1) {
            x = new float[k];
            for (int p = 0; p < k; p++) x[p] = a[aOff + p * aStride];
            xOff = 0;
        }
        if (transB) {
            for (int j = 0; j < n; j++) {
                float dot = dot(x, xOff, b, bOff + j * ldb, k);
                c[cOff + j] = combine(alpha * dot, beta, c[cOff + j]);
            }
        } else {
            axpyRows(x, xOff, n, k, alpha, b, bOff, ldb, beta, c, cOff);
        }
    }

    private static float combine(float v, float beta, float old) {
        if (beta == 0f) return v;
        if (beta == 1f) return v + old;
        return v + beta * old;
    }

    private static float dot(float[] x, int xOff, float[] y, int yOff, int k) {
        FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S);
        int p = 0;
        for (; p + 2 * L <= k; p += 2 * L) {
            s0 = FloatVector.fromArray(S, x, xOff + p).fma(FloatVector.fromArray(S, y, yOff + p), s0);
            s1 = FloatVector.fromArray(S, x, xOff + p + L).fma(FloatVector.fromArray(S, y, yOff + p + L), s1);
        }
        float sum = s0.add(s1).reduceLanes(VectorOperators.ADD);
        for (; p < k; p++) sum += x[xOff + p] * y[yOff + p];
        return sum;
    }

    private static void axpyRows(float[] x, int xOff, int n, int k, float alpha, float[] b, int bOff, int ldb,
                                 float beta, float[] c, int cOff) {
        int j = 0;
        for (; j + 4 * L <= n; j += 4 * L) {
            FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S);
            FloatVector s2 = FloatVector.zero(S), s3 = FloatVector.zero(S);
            int src = bOff + j;
            for (int p = 0; p < k; p++, src += ldb) {
                FloatVector xv = FloatVector.broadcast(S, x[xOff + p]);
                s0 = xv.fma(FloatVector.fromArray(S, b, src), s0);
                s1 = xv.fma(FloatVector.fromArray(S, b, src + L), s1);
                s2 = xv.fma(FloatVector.fromArray(S, b, src + 2 * L), s2);
                s3 = xv.fma(FloatVector.fromArray(S, b, src + 3 * L), s3);
            }
            store(s0, alpha, beta, c, cOff + j);
            store(s1, alpha, beta, c, cOff + j + L);
            store(s2, alpha, beta, c, cOff + j + 2 * L);
            store(s3, alpha, beta, c, cOff + j + 3 * L);
        }
        for (; j + L <= n; j += L) {
            FloatVector s0 = FloatVector.zero(S);
            int src = bOff + j;
            for (int p = 0; p < k; p++, src += ldb) {
                s0 = FloatVector.broadcast(S, x[xOff + p]).fma(FloatVector.fromArray(S, b, src), s0);
            }
            store(s0, alpha, beta, c, cOff + j);
        }
        if (j < n) {
            int w = n - j;
            float[] acc = new float[w];
            int src = bOff + j;
            for (int p = 0; p < k; p++, src += ldb) {
                float xv = x[xOff + p];
                for (int q = 0; q < w; q++) acc[q] += xv * b[src + q];
            }
            for (int q = 0; q < w; q++) c[cOff + j + q] = combine(alpha * acc[q], beta, c[cOff + j + q]);
        }
    }

    private static void store(FloatVector v, float alpha, float beta, float[] c, int ci) {
        if (alpha != 1f) v = v.mul(alpha);
        if (beta == 0f) v.intoArray(c, ci);
        else if (beta == 1f) v.add(FloatVector.fromArray(S, c, ci)).intoArray(c, ci);
        else FloatVector.fromArray(S, c, ci).fma(FloatVector.broadcast(S, beta), v).intoArray(c, ci);
    }
}
