package dev.onyx.kernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** GEMM on a pre-packed op(B) gives the same bits as on B as stored, alone and split across threads. */
class SgemmPackedTest {
    static List<Arguments> kernels() {
        return SgemmTest.kernels().stream().filter(a -> !a.get()[0].equals("dispatch")).toList();
    }

    private static float[] random(SplittableRandom r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (r.nextDouble() * 2 - 1);
        return v;
    }

    /** Runs one product both ways (B stored at an offset with a wide stride) and compares bits, then values. */
    private static void same(KernelProvider.GemmKernel g, SplittableRandom rnd, boolean tA, boolean tB,
                             int m, int n, int k, float alpha, float beta) {
        int lda = (tA ? m : k) + 2, ldb = (tB ? k : n) + 3, ldc = n + 1, off = 3;
        float[] a = random(rnd, off + (tA ? k : m) * lda);
        float[] b = random(rnd, off + (tB ? n : k) * ldb);
        float[] c0 = random(rnd, off + m * ldc);
        float[] c1 = c0.clone(), c2 = c0.clone();
        g.sgemm(tA, tB, m, n, k, alpha, a, off, lda, b, off, ldb, beta, c1, off, ldc);
        Sgemm.PackedB p = Sgemm.pack(g, tB, k, n, b, off, ldb);
        Sgemm.sgemm(tA, m, alpha, a, off, lda, p, beta, c2, off, ldc);
        String what = String.format("%s tA=%b tB=%b m=%d n=%d k=%d alpha=%s beta=%s", g.describe(), tA, tB, m, n, k, alpha, beta);
        assertThat(c2).as(what).containsExactly(c1);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0, mag = 0;
                for (int q = 0; q < k; q++) {
                    double av = tA ? a[off + q * lda + i] : a[off + i * lda + q];
                    double bv = tB ? b[off + j * ldb + q] : b[off + q * ldb + j];
                    sum += av * bv;
                    mag += Math.abs(av * bv);
                }
                int idx = off + i * ldc + j;
                double expected = alpha * sum + (beta == 0f ? 0 : beta * (double) c0[idx]);
                double tol = 1e-5 * (Math.abs(alpha) * mag + Math.abs(beta * c0[idx])) + 1e-6;
                assertThat((double) c2[idx]).as("C[%d,%d] %s", i, j, what).isCloseTo(expected, org.assertj.core.data.Offset.offset(tol));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void oddSizesTransposesAlphaBeta(String name, KernelProvider.GemmKernel g) {
        SplittableRandom rnd = new SplittableRandom(5);
        float[][] ab = {{1f, 0f}, {0.5f, 1f}, {-1.5f, 0.25f}};
        for (int t = 0; t < 4; t++) {
            boolean tA = (t & 2) != 0, tB = (t & 1) != 0;
            for (int c = 0; c < 40; c++) {
                int m = 1 + rnd.nextInt(70), n = 1 + rnd.nextInt(70), k = 1 + rnd.nextInt(70);
                float[] x = ab[c % ab.length];
                same(g, rnd, tA, tB, m, n, k, x[0], x[1]);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void acrossPanelAndBlockBoundaries(String name, KernelProvider.GemmKernel g) {
        SplittableRandom rnd = new SplittableRandom(6);
        // k past one and two K panels, n past one column panel, m past one row block and ragged edges
        int[][] shapes = {{101, 300, 257}, {5, 517, 513}, {203, 35, 600}, {2, 16, 1}, {1, 45, 300}};
        for (int[] s : shapes) {
            for (int t = 0; t < 4; t++) {
                same(g, rnd, (t & 2) != 0, (t & 1) != 0, s[0], s[1], s[2], t == 3 ? 0.75f : 1f, t == 2 ? 1f : 0f);
            }
        }
    }

    @Test
    void parallelSameBitsAsSingleThreadedUnpacked() {
        SplittableRandom rnd = new SplittableRandom(7);
        // rows split (one with a last band of one row), columns split (also one row), ragged widths
        int[][] shapes = {{301, 129, 257}, {97, 40, 600}, {1, 1000, 512}, {7, 1100, 300}, {33, 401, 250}};
        try (Parallel two = Parallel.create(2); Parallel three = Parallel.create(3)) {
            for (int[] s : shapes) {
                int m = s[0], n = s[1], k = s[2];
                for (int t = 0; t < 4; t++) {
                    boolean tA = (t & 2) != 0, tB = (t & 1) != 0;
                    int lda = tA ? m : k, ldb = tB ? k : n;
                    float[] a = random(rnd, m * k), b = random(rnd, k * n);
                    float[] c1 = new float[m * n], c2 = new float[m * n], c3 = new float[m * n], c4 = new float[m * n];
                    Sgemm.sgemm(tA, tB, m, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, c1, 0, n);
                    Sgemm.PackedB p = Sgemm.pack(tB, k, n, b, 0, ldb);
                    two.with(() -> { Sgemm.parallel(tA, m, 1f, a, 0, lda, p, 0f, c2, 0, n); return null; });
                    three.with(() -> { Sgemm.parallel(tA, m, 1f, a, 0, lda, p, 0f, c3, 0, n); return null; });
                    two.with(() -> { Sgemm.parallel(tA, tB, m, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, c4, 0, n); return null; });
                    String what = String.format("%dx%dx%d tA=%b tB=%b", m, n, k, tA, tB);
                    assertThat(c2).as("%s packed, 2 threads", what).containsExactly(c1);
                    assertThat(c3).as("%s packed, 3 threads", what).containsExactly(c1);
                    assertThat(c4).as("%s unpacked, 2 threads", what).containsExactly(c1);
                }
            }
        }
    }

    @Test
    void emptyInnerDimensionScalesC() {
        float[] c = {1f, 2f, 3f, 4f};
        Sgemm.PackedB p = Sgemm.pack(false, 0, 2, new float[0], 0, 2);
        Sgemm.sgemm(false, 2, 1f, new float[0], 0, 1, p, 3f, c, 0, 2);
        assertThat(c).containsExactly(3f, 6f, 9f, 12f);
    }
}
