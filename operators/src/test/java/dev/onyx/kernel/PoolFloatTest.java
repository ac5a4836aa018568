package dev.onyx.kernel;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The float pooling kernel (3-D loops) against the generic N-D double kernel, and naive window sums. */
class PoolFloatTest {
    private static int[] a(int... v) { return v; }

    private static ConvGeometry geometry(int[] in, int[] k, int[] s, int[] d, int[] pb, int[] pe) {
        int[] out = new int[in.length];
        for (int i = 0; i < in.length; i++) out[i] = (in[i] + pb[i] + pe[i] - ((k[i] - 1) * d[i] + 1)) / s[i] + 1;
        return new ConvGeometry(in, k, s, d, pb, pe, out);
    }

    @Test
    void floatAndDoubleKernelsAgree() {
        Random rnd = new Random(3);
        ConvGeometry[] gs = {
                geometry(a(9, 8), a(3, 2), a(2, 3), a(1, 2), a(1, 0), a(2, 1)),
                geometry(a(7), a(3), a(2), a(2), a(2), a(2)),
                geometry(a(5, 4, 6), a(2, 3, 2), a(1, 2, 2), a(2, 1, 1), a(1, 1, 0), a(0, 1, 1)),
        };
        for (ConvGeometry g : gs) {
            int planes = 3;
            float[] x = new float[planes * g.inSize()];
            for (int i = 0; i < x.length; i++) x[i] = rnd.nextFloat() * 4 - 2;
            double[] xd = new double[x.length];
            for (int i = 0; i < x.length; i++) xd[i] = x[i];
            int n = planes * g.outSize();
            for (boolean colMajor : new boolean[] {false, true}) {
                float[] y = new float[n];
                long[] yi = new long[n];
                double[] yd = new double[n];
                long[] ydi = new long[n];
                PoolFloat.max(x, y, yi, planes, g, colMajor);
                PoolDouble.max(xd, yd, ydi, planes, g, colMajor);
                assertThat(yi).isEqualTo(ydi);
                for (int i = 0; i < n; i++) assertThat((double) y[i]).isEqualTo(yd[i]);
            }
            for (boolean include : new boolean[] {false, true}) {
                float[] y = new float[n];
                double[] yd = new double[n];
                PoolFloat.average(x, y, planes, g, include);
                PoolDouble.average(xd, yd, planes, g, include);
                for (int i = 0; i < n; i++) assertThat((double) y[i]).isCloseTo(yd[i], org.assertj.core.data.Offset.offset(1e-5));
            }
            for (double p : new double[] {1, 2, 3}) {
                float[] y = new float[n];
                double[] yd = new double[n];
                PoolFloat.lp(x, y, planes, g, p);
                PoolDouble.lp(xd, yd, planes, g, p);
                for (int i = 0; i < n; i++) assertThat((double) y[i]).isCloseTo(yd[i], org.assertj.core.data.Offset.offset(1e-4));
            }
        }
    }

    @Test
    void averageDivisorsAtBorders() {
        // 1-D [1..4], kernel 3, pads (1, 1)
        ConvGeometry g = geometry(a(4), a(3), a(1), a(1), a(1), a(1));
        float[] x = {1, 2, 3, 4};
        float[] y = new float[4];
        PoolFloat.average(x, y, 1, g, false);
        assertThat(y).containsExactly(1.5f, 2, 3, 3.5f);
        PoolFloat.average(x, y, 1, g, true);
        assertThat(y).containsExactly(1, 2, 3, 7 / 3f);
    }

    @Test
    void globalPools() {
        float[] x = {1, 2, 3, 6, -3, 4, 0, 0};
        float[] y = new float[2];
        PoolGlobal.average(x, y, 2, 4);
        assertThat(y).containsExactly(3, 0.25f);
        PoolGlobal.max(x, y, 2, 4);
        assertThat(y).containsExactly(6, 4);
        PoolGlobal.lp(x, y, 2, 4, 1);
        assertThat(y).containsExactly(12, 7);
    }

    @Test
    void maxWithoutIndicesMatchesIndexedPathWithNaNsPaddingAndThreads() {
        Random rnd = new Random(11);
        ConvGeometry[] gs = {
                geometry(a(13, 17), a(3, 3), a(2, 2), a(1, 1), a(1, 1), a(1, 1)),
                geometry(a(33), a(3), a(1), a(2), a(2), a(2)),
                geometry(a(1, 3), a(3, 3), a(1, 1), a(1, 1), a(3, 3), a(3, 3)), // windows fully in padding
                geometry(a(4, 5, 3), a(2, 3, 2), a(1, 2, 1), a(1, 1, 2), a(1, 0, 1), a(0, 1, 1)),
                geometry(a(23, 37), a(3, 3), a(2, 2), a(1, 1), a(1, 1), a(1, 1)),  // resnet-like stride 2, pads
                geometry(a(31, 47), a(3, 3), a(2, 2), a(1, 1), a(0, 0), a(0, 0)),  // squeezenet-like
                new ConvGeometry(a(12, 41), a(3, 3), a(2, 2), a(1, 1), a(0, 0), a(1, 0), a(6, 20)), // ceil_mode
                new ConvGeometry(a(12, 40), a(3, 3), a(2, 2), a(1, 1), a(0, 0), a(1, 1), a(6, 20)), // ceil_mode
                geometry(a(20, 40), a(3, 3), a(1, 1), a(1, 1), a(1, 1), a(1, 1)),  // stride 1
                geometry(a(9, 45), a(2, 2), a(2, 2), a(1, 1), a(0, 0), a(0, 0)),
                geometry(a(50), a(3), a(2), a(2), a(1), a(0)),                      // 1-D dilated stride 2
                geometry(a(61), a(4), a(3), a(1), a(2), a(1)),                      // stride 3
                geometry(a(7, 19), a(5, 5), a(1, 1), a(2, 3), a(2, 4), a(3, 4)),    // dilated stride 1
                geometry(a(4, 9, 30), a(2, 3, 3), a(1, 2, 2), a(1, 1, 1), a(0, 1, 1), a(1, 1, 1)), // 3-D
                geometry(a(3, 17), a(1, 1), a(1, 2), a(1, 1), a(0, 0), a(0, 0)),    // single tap
        };
        try (Parallel two = Parallel.create(2)) {
            for (ConvGeometry g : gs) {
                for (int kind = 0; kind < 3; kind++) {
                    int planes = 17;
                    float[] x = new float[planes * g.inSize()];
                    for (int i = 0; i < x.length; i++) {
                        int r = rnd.nextInt(kind == 0 ? 20 : kind == 1 ? 500 : 1_000_000);
                        x[i] = r == 0 ? Float.NaN : r == 1 ? Float.NEGATIVE_INFINITY : r == 2 ? 0f : r == 3 ? -0f
                                : kind == 2 ? -rnd.nextFloat() : rnd.nextFloat() * 4 - 2;
                    }
                    int n = planes * g.outSize();
                    float[] want = new float[n];
                    PoolFloat.max(x, want, new long[n], planes, g, false);
                    for (Parallel p : new Parallel[] {Parallel.serial(), two}) {
                        float[] y = new float[n];
                        p.with(() -> {
                            PoolFloat.max(x, y, null, planes, g, false);
                            return null;
                        });
                        for (int i = 0; i < n; i++) {
                            if (Float.floatToRawIntBits(y[i]) != Float.floatToRawIntBits(want[i])
                                    && !(y[i] != y[i] && want[i] != want[i])) {
                                assertThat((Float) y[i]).as("%s kind %d threads %d output %d", g, kind, p.threads(), i)
                                        .isEqualTo((Float) want[i]);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void maxRowKernelsMatchScalarAndReference() {
        Random rnd = new Random(12);
        PoolFloat.MaxKernel k = KernelProvider.maxPool();
        for (int n : new int[] {1, 7, 8, 9, 15, 16, 17, 31, 64, 65}) {
            float[] a = new float[3 * n + 20];
            for (int i = 0; i < a.length; i++) {
                int r = rnd.nextInt(40);
                a[i] = r == 0 ? Float.NaN : r == 1 ? 0f : r == 2 ? -0f : rnd.nextFloat() * 2 - 1;
            }
            float[] m = new float[n + 1];
            k.max(a, 1, a, 5, m, 1, n);
            for (int j = 0; j < n; j++) assertThat((Float) m[1 + j]).isEqualTo((Float) Math.max(a[1 + j], a[5 + j]));
            for (int[] kds : new int[][] {{3, 1, 1}, {3, 1, 2}, {2, 2, 2}, {3, 2, 2}, {4, 1, 3}, {1, 1, 2}, {5, 3, 1}}) {
                int kk = kds[0], dil = kds[1], st = kds[2];
                if (2 + (n - 1) * st + (kk - 1) * dil >= a.length) continue;
                float[] yv = new float[n + 2];
                float[] ys = new float[n + 2];
                k.window(a, 2, kk, dil, st, yv, 1, n);
                PoolFloat.SCALAR_MAX.window(a, 2, kk, dil, st, ys, 1, n);
                for (int i = 0; i < n; i++) {
                    float best = a[2 + i * st];
                    for (int t = 1; t < kk; t++) best = Math.max(best, a[2 + i * st + t * dil]);
                    assertThat((Float) ys[1 + i]).as("n %d k %d d %d s %d at %d", n, kk, dil, st, i).isEqualTo((Float) best);
                }
                assertThat(yv).as("n %d k %d d %d s %d", n, kk, dil, st).containsExactly(ys);
            }
        }
    }
}
