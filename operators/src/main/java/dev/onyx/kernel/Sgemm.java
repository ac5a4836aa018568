package dev.onyx.kernel;

/**
 * Single-precision matrix multiply on row-major arrays:
 * {@code C = alpha * op(A) * op(B) + beta * C}, where op(X) is X or its transpose.
 *
 * <p>op(A) is m x k, op(B) is k x n, C is m x n. {@code lda}, {@code ldb}, {@code ldc} are the row
 * strides of A, B and C as stored (before transposition). When beta is 0, C is not read (NaN in C
 * does not leak into the result).
 */
public final class Sgemm {
    private Sgemm() {}

    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int cRow = cOff + i * ldc;
            if (beta == 0f) {
                java.util.Arrays.fill(c, cRow, cRow + n, 0f);
            } else if (beta != 1f) {
                for (int j = 0; j < n; j++) c[cRow + j] *= beta;
            }
            for (int p = 0; p < k; p++) {
                float av = alpha * (transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p]);
                if (transB) {
                    for (int j = 0; j < n; j++) c[cRow + j] += av * b[bOff + j * ldb + p];
                } else {
                    int bRow = bOff + p * ldb;
                    for (int j = 0; j < n; j++) c[cRow + j] += av * b[bRow + j];
                }
            }
        }
    }
}
