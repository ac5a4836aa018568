package dev.onyx.kernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SgemmTest {
    static final int[] SIZES = {1, 3, 13, 17, 33, 64, 127, 207};
    static final float[][] ALPHA_BETA = {{1f, 0f}, {0.5f, 1f}, {-1.5f, 0.25f}, {1f, 1f}, {2f, -1f}};

    /** The kernels under test: the dispatching entry point, the scalar twin, and the vector kernel itself. */
    static List<Arguments> kernels() {
        List<Arguments> l = new ArrayList<>();
        l.add(Arguments.of("dispatch", (KernelProvider.GemmKernel) new Dispatch()));
        l.add(Arguments.of("scalar", KernelProvider.scalarGemm()));
        l.add(Arguments.of("provider", KernelProvider.gemm()));
        // the vector kernel itself, even when -Donyx.vector=false selected the scalar path
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                l.add(Arguments.of("vector", Class.forName("dev.onyx.kernel.vector.VectorSgemm")
                        .getDeclaredConstructor().newInstance()));
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
        return l;
    }

    /** Sgemm.sgemm as a GemmKernel. */
    static final class Dispatch implements KernelProvider.GemmKernel {
        @Override
        public void sgemm(boolean tA, boolean tB, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                          float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
            Sgemm.sgemm(tA, tB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }

        @Override
        public String describe() { return "Sgemm.sgemm"; }
    }

    @Test
    void vectorPathIsActiveInTests() {
        assumeTrue(!"false".equals(System.getProperty("onyx.vector")));
        assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
        assertThat(KernelProvider.vectorEnabled()).as(KernelProvider.description()).isTrue();
        assertThat(KernelProvider.gemm().describe()).startsWith("Vector API");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void oddSizesAllTransposes(String name, KernelProvider.GemmKernel g) {
        SplittableRandom rnd = new SplittableRandom(42);
        int[] ks = {1, 17, 64, 207};
        int caseNo = 0;
        for (int m : SIZES) {
            for (int n : SIZES) {
                for (int k : ks) {
                    for (int t = 0; t < 4; t++) {
                        float[] ab = ALPHA_BETA[caseNo++ % ALPHA_BETA.length];
                        check(g, rnd, t >= 2, (t & 1) == 1, m, n, k, ab[0], ab[1], caseNo % 3);
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void primeKGridAndBlockBoundaries(String name, KernelProvider.GemmKernel g) {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int k : SIZES) {
            for (int t = 0; t < 4; t++) {
                check(g, rnd, t >= 2, (t & 1) == 1, 33, 17, k, 1f, 0f, 2);
                check(g, rnd, t >= 2, (t & 1) == 1, 13, 127, k, -0.75f, 0.5f, 1);
            }
        }
        // deeper than one K panel, taller than one M block, wider than one N panel
        for (int t = 0; t < 4; t++) {
            check(g, rnd, t >= 2, (t & 1) == 1, 131, 67, 600, 1f, 1f, 1);
            check(g, rnd, t >= 2, (t & 1) == 1, 7, 2100, 300, 0.5f, 0f, 2);
            check(g, rnd, t >= 2, (t & 1) == 1, 250, 40, 513, 1f, 0.3f, 0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void oneRowAndOneColumn(String name, KernelProvider.GemmKernel g) {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int n : new int[] {1, 5, 16, 31, 32, 64, 65, 127, 207}) {
            for (int k : new int[] {1, 3, 33, 127, 300}) {
                for (int t = 0; t < 4; t++) {
                    check(g, rnd, t >= 2, (t & 1) == 1, 1, n, k, 1.25f, 0f, 2);
                    check(g, rnd, t >= 2, (t & 1) == 1, 1, n, k, 1f, 1f, 1);
                    check(g, rnd, t >= 2, (t & 1) == 1, n, 1, k, 1f, -2f, 0);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void betaZeroIgnoresNaNInC(String name, KernelProvider.GemmKernel g) {
        for (int[] s : new int[][] {{1, 40, 9}, {13, 17, 33}, {64, 64, 64}, {127, 3, 300}}) {
            int m = s[0], n = s[1], k = s[2];
            for (int t = 0; t < 4; t++) {
                boolean tA = t >= 2, tB = (t & 1) == 1;
                float[] a = filled(m * k, 1f);
                float[] b = filled(k * n, 2f);
                float[] c = filled(m * n, Float.NaN);
                g.sgemm(tA, tB, m, n, k, 1f, a, 0, tA ? m : k, b, 0, tB ? k : n, 0f, c, 0, n);
                for (float v : c) assertThat(v).isEqualTo(2f * k);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void nanAndInfinityPropagateThroughZeroFactors(String name, KernelProvider.GemmKernel g) {
        for (int[] s : new int[][] {{1, 40, 9}, {1, 3, 5}, {13, 17, 33}, {64, 64, 64}, {8, 70, 300}}) {
            int m = s[0], n = s[1], k = s[2];
            for (int t = 0; t < 4; t++) {
                boolean tA = t >= 2, tB = (t & 1) == 1;
                int lda = tA ? m : k, ldb = tB ? k : n;
                float[] a = new float[m * k];
                float[] b = new float[k * n];
                int row = m - 1, pA = k / 2;
                a[tA ? pA * lda + row : row * lda + pA] = Float.NaN;
                int col = n / 2, pB = k - 1;
                b[tB ? col * ldb + pB : pB * ldb + col] = Float.POSITIVE_INFINITY;
                float[] c = new float[m * n];
                g.sgemm(tA, tB, m, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, n);
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        float v = c[i * n + j];
                        // row `row` holds NaN (NaN * 0); column `col` holds NaN (0 * Inf)
                        if (i == row || j == col) assertThat(v).as("C[%d][%d]", i, j).isNaN();
                        else assertThat(v).as("C[%d][%d]", i, j).isEqualTo(0f);
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void emptyInnerDimensionScalesC(String name, KernelProvider.GemmKernel g) {
        if (!(g instanceof Dispatch)) return; // k == 0 is handled by the entry point
        float[] c = {1f, 2f, Float.NaN, 4f};
        Sgemm.sgemm(false, false, 2, 2, 0, 1f, new float[0], 0, 0, new float[0], 0, 2, 0f, c, 0, 2);
        assertThat(c).containsExactly(0f, 0f, 0f, 0f);
        float[] d = {1f, 2f, 3f, 4f};
        Sgemm.scalar(false, false, 2, 2, 0, 1f, new float[0], 0, 0, new float[0], 0, 2, 3f, d, 0, 2);
        assertThat(d).containsExactly(3f, 6f, 9f, 12f);
    }

    @Test
    void executorOverloadMatchesSingleThreaded() {
        java.util.concurrent.ExecutorService ex = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            KernelProvider.GemmKernel parallel = new KernelProvider.GemmKernel() {
                @Override
                public void sgemm(boolean tA, boolean tB, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                                  float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
                    Sgemm.sgemm(tA, tB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, ex);
                }

                @Override
                public String describe() { return "Sgemm.sgemm(executor)"; }
            };
            SplittableRandom rnd = new SplittableRandom(11);
            for (int t = 0; t < 4; t++) {
                check(parallel, rnd, t >= 2, (t & 1) == 1, 207, 127, 300, 1f, 0f, 2);
                check(parallel, rnd, t >= 2, (t & 1) == 1, 33, 401, 250, 0.5f, 1f, 1);
                check(parallel, rnd, t >= 2, (t & 1) == 1, 3, 17, 13, 1f, 0.5f, 0);
            }
        } finally {
            ex.shutdown();
        }
    }

    @Test
    void rejectsArraysTooSmallForTheirShape() {
        assertThatThrownBy(() -> Sgemm.sgemm(false, false, 2, 2, 3, 1f, new float[5], 0, 3,
                new float[6], 0, 2, 0f, new float[4], 0, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("A (2 x 3");
        assertThatThrownBy(() -> Sgemm.sgemm(false, true, 2, 2, 3, 1f, new float[6], 0, 3,
                new float[6], 0, 2, 0f, new float[4], 0, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("leading dimension of B");
    }

    private static float[] filled(int n, float v) {
        float[] f = new float[n];
        Arrays.fill(f, v);
        return f;
    }

    /**
     * Runs one case with matrices at an offset, leading dimensions wider than the rows, padding
     * sentinels, and compares to a double-precision reference. pad: 0 none, 1 offsets only, 2 offsets and wide strides.
     */
    static void check(KernelProvider.GemmKernel g, SplittableRandom rnd, boolean tA, boolean tB,
                      int m, int n, int k, float alpha, float beta, int pad) {
        int aRows = tA ? k : m, aCols = tA ? m : k;
        int bRows = tB ? n : k, bCols = tB ? k : n;
        int extra = pad == 2 ? 3 : 0;
        int off = pad == 0 ? 0 : 5;
        int lda = aCols + extra, ldb = bCols + extra + 1, ldc = n + extra + 2;
        float[] a = random(rnd, off + aRows * lda);
        float[] b = random(rnd, off + bRows * ldb);
        float[] c = random(rnd, off + m * ldc + 4);
        float[] c0 = c.clone();
        g.sgemm(tA, tB, m, n, k, alpha, a, off, lda, b, off, ldb, beta, c, off, ldc);
        String what = String.format("%s tA=%b tB=%b m=%d n=%d k=%d alpha=%s beta=%s pad=%d",
                g.describe(), tA, tB, m, n, k, alpha, beta, pad);
        for (int idx = 0; idx < c.length; idx++) {
            int rel = idx - off;
            int i = rel < 0 ? -1 : rel / ldc, j = rel < 0 ? -1 : rel % ldc;
            if (i < 0 || i >= m || j >= n) {
                assertThat(c[idx]).as("untouched C[%d] %s", idx, what).isEqualTo(c0[idx]);
                continue;
            }
            double sum = 0, mag = 0;
            for (int p = 0; p < k; p++) {
                double av = tA ? a[off + p * lda + i] : a[off + i * lda + p];
                double bv = tB ? b[off + j * ldb + p] : b[off + p * ldb + j];
                sum += av * bv;
                mag += Math.abs(av * bv);
            }
            double expected = alpha * sum + (beta == 0f ? 0 : beta * (double) c0[idx]);
            double tol = 1e-5 * (Math.abs(alpha) * mag + Math.abs(beta * c0[idx])) + 1e-6;
            if (Math.abs(c[idx] - expected) > tol) {
                throw new AssertionError(what + ": C[" + i + "][" + j + "] = " + c[idx] + ", expected " + expected);
            }
        }
    }

    private static float[] random(SplittableRandom rnd, int n) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) f[i] = (float) (rnd.nextDouble() * 2 - 1);
        return f;
    }
}
