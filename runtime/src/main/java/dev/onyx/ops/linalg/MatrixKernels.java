package dev.onyx.ops.linalg;

import dev.onyx.tensor.Tensor;

/**
 * Dense row-major matrix products for the types Sgemm does not cover: float64 and the integer types
 * (wrap-around arithmetic, which gives the same bits for signed and unsigned operands).
 * op(A) is m x k, op(B) is k x n, C is m x n; A and B are stored with their natural row strides.
 */
final class MatrixKernels {
    private MatrixKernels() {}

    private static final int NB = 512;

    /** C = alpha * op(A) op(B) + beta * C; C not read when beta is 0. */
    static void dgemm(boolean tA, boolean tB, int m, int n, int k, double alpha, double[] a, int aOff,
                      double[] b, int bOff, double beta, double[] c, int cOff) {
        int lda = tA ? m : k, ldb = tB ? k : n;
        double[] acc = new double[Math.min(n, NB)];
        double[] bRow = tB ? new double[Math.min(n, NB)] : null;
        for (int j0 = 0; j0 < n; j0 += NB) {
            int nb = Math.min(NB, n - j0);
            for (int i = 0; i < m; i++) {
                java.util.Arrays.fill(acc, 0, nb, 0.0);
                for (int p = 0; p < k; p++) {
                    double av = tA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    if (tB) {
                        for (int j = 0; j < nb; j++) bRow[j] = b[bOff + (j0 + j) * ldb + p];
                        for (int j = 0; j < nb; j++) acc[j] += av * bRow[j];
                    } else {
                        int src = bOff + p * ldb + j0;
                        for (int j = 0; j < nb; j++) acc[j] += av * b[src + j];
                    }
                }
                int row = cOff + i * n + j0;
                for (int j = 0; j < nb; j++) {
                    c[row + j] = beta == 0 ? alpha * acc[j] : alpha * acc[j] + beta * c[row + j];
                }
            }
        }
    }

    /** C = op(A) op(B) in 64-bit wrap-around arithmetic. */
    static void lgemm(boolean tA, boolean tB, int m, int n, int k, long[] a, int aOff, long[] b, int bOff,
                      long[] c, int cOff) {
        int lda = tA ? m : k, ldb = tB ? k : n;
        for (int i = 0; i < m; i++) {
            int row = cOff + i * n;
            java.util.Arrays.fill(c, row, row + n, 0L);
            for (int p = 0; p < k; p++) {
                long av = tA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                if (tB) {
                    for (int j = 0; j < n; j++) c[row + j] += av * b[bOff + j * ldb + p];
                } else {
                    int src = bOff + p * ldb;
                    for (int j = 0; j < n; j++) c[row + j] += av * b[src + j];
                }
            }
        }
    }

    /** C = op(A) op(B) in 32-bit wrap-around arithmetic. */
    static void igemm(boolean tA, boolean tB, int m, int n, int k, int[] a, int aOff, int[] b, int bOff,
                      int[] c, int cOff) {
        int lda = tA ? m : k, ldb = tB ? k : n;
        for (int i = 0; i < m; i++) {
            int row = cOff + i * n;
            java.util.Arrays.fill(c, row, row + n, 0);
            for (int p = 0; p < k; p++) {
                int av = tA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                if (tB) {
                    for (int j = 0; j < n; j++) c[row + j] += av * b[bOff + j * ldb + p];
                } else {
                    int src = bOff + p * ldb;
                    for (int j = 0; j < n; j++) c[row + j] += av * b[src + j];
                }
            }
        }
    }

    /** float16 or bfloat16 bits widened to float. */
    static float[] widen(Tensor t) {
        short[] s = (short[]) t.storage();
        float[] f = new float[s.length];
        boolean half = t.dtype() == dev.onyx.tensor.DType.FLOAT16;
        for (int i = 0; i < s.length; i++) f[i] = half ? Float.float16ToFloat(s[i]) : Tensor.bfloat16ToFloat(s[i]);
        return f;
    }

    /** floats rounded to float16 or bfloat16 bits. */
    static short[] narrow(float[] f, dev.onyx.tensor.DType dtype) {
        short[] s = new short[f.length];
        boolean half = dtype == dev.onyx.tensor.DType.FLOAT16;
        for (int i = 0; i < f.length; i++) s[i] = half ? Float.floatToFloat16(f[i]) : Tensor.floatToBfloat16(f[i]);
        return s;
    }
}
