package dev.onyx.kernel;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The parallel GEMM gives the same bits as the single-threaded one, for rows- and columns-split shapes. */
class SgemmParallelTest {
    private static float[] random(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) r.nextGaussian();
        return v;
    }

    @Test
    void sameBitsForAnyThreadCount() {
        Random r = new Random(17);
        int[][] shapes = {{301, 129, 257}, {1, 1000, 512}, {7, 1100, 300}, {517, 33, 400}, {96, 96, 1024}};
        try (Parallel two = Parallel.create(2); Parallel three = Parallel.create(3)) {
            for (int[] s : shapes) {
                int m = s[0], n = s[1], k = s[2];
                for (boolean tb : new boolean[] {false, true}) {
                    float[] a = random(r, m * k), b = random(r, k * n);
                    float[] c1 = new float[m * n], c2 = new float[m * n], c3 = new float[m * n];
                    Sgemm.sgemm(false, tb, m, n, k, 1f, a, 0, k, b, 0, tb ? k : n, 0f, c1, 0, n);
                    two.with(() -> { Sgemm.parallel(false, tb, m, n, k, 1f, a, 0, k, b, 0, tb ? k : n, 0f, c2, 0, n); return null; });
                    three.with(() -> { Sgemm.parallel(false, tb, m, n, k, 1f, a, 0, k, b, 0, tb ? k : n, 0f, c3, 0, n); return null; });
                    assertThat(c2).as("%dx%dx%d transB=%s, 2 threads", m, n, k, tb).containsExactly(c1);
                    assertThat(c3).as("%dx%dx%d transB=%s, 3 threads", m, n, k, tb).containsExactly(c1);
                }
            }
        }
    }
}
