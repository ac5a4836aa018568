package dev.onyx.kernel;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The direct convolution for few input channels: against a double-precision sum within a bound scaled by the sum of
 * |x * w| of each output, over random geometries (kernels 1x1 to 7x7, strides 1-3 per axis, asymmetric pads,
 * outputs narrower and wider than one block, output channels that leave partial slivers, batches, no bias);
 * the vector kernel gives the scalar kernel's bits; any thread count gives the same bits; and
 * {@link ConvFloat#conv} takes this path when it applies, with the bits of its GEMM path.
 */
class DirectConvTest {
    private record Case(int batch, int c, int m, ConvGeometry g, boolean bias) {}

    private static Case randomCase(Random rnd) {
        int c = 1 + rnd.nextInt(DirectConv.MAX_CHANNELS), m = 1 + rnd.nextInt(10);
        int[] in = new int[2], k = new int[2], s = new int[2], pb = new int[2], pe = new int[2], out = new int[2];
        for (int a = 0; a < 2; a++) {
            k[a] = 1 + rnd.nextInt(7);
            s[a] = 1 + rnd.nextInt(3);
            pb[a] = rnd.nextInt(Math.min(4, k[a]));
            pe[a] = rnd.nextInt(Math.min(4, k[a]));
            in[a] = Math.max(1, k[a] - pb[a] - pe[a]) + rnd.nextInt(a == 1 ? 45 : 12);
            out[a] = (in[a] + pb[a] + pe[a] - k[a]) / s[a] + 1;
        }
        ConvGeometry g = new ConvGeometry(in, k, s, new int[] {1, 1}, pb, pe, out);
        return new Case(1 + rnd.nextInt(2), c, m, g, rnd.nextBoolean());
    }

    private static float[] random(Random rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = rnd.nextFloat() * 2 - 1;
        return v;
    }

    private static float[] direct(DirectConv.Kernel kernel, Parallel par, Case cs, float[] x, float[] w, float[] b,
                                  ConvFloat.Epilogue epilogue) {
        int depth = cs.c * cs.g.kernelSize();
        ConvWeights packed = ConvWeights.pack(w, cs.m, 1, depth, DirectConv.MR);
        float[] y = new float[cs.batch * cs.m * cs.g.outSize()];
        Arrays.fill(y, Float.NaN); // every output must be written
        par.with(() -> {
            DirectConv.conv(kernel, x, packed, b, y, 0, cs.batch, cs.c, cs.m, cs.g, epilogue);
            return null;
        });
        return y;
    }

    private static void checkAgainstDoubleSum(Case cs, float[] x, float[] w, float[] b, float[] y) {
        ConvGeometry g = cs.g;
        int oh = g.out()[0], ow = g.out()[1], h = g.in()[0], iw = g.in()[1], kh = g.kernel()[0], kw = g.kernel()[1];
        for (int n = 0; n < cs.batch; n++) {
            for (int o = 0; o < cs.m; o++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        double sum = b == null ? 0 : b[o], mag = Math.abs(sum);
                        for (int ci = 0; ci < cs.c; ci++) {
                            for (int ky = 0; ky < kh; ky++) {
                                int iy = oy * g.strides()[0] + ky - g.padBegin()[0];
                                if (iy < 0 || iy >= h) continue;
                                for (int kx = 0; kx < kw; kx++) {
                                    int ix = ox * g.strides()[1] + kx - g.padBegin()[1];
                                    if (ix < 0 || ix >= iw) continue;
                                    double p = (double) x[((n * cs.c + ci) * h + iy) * iw + ix]
                                            * w[((o * cs.c + ci) * kh + ky) * kw + kx];
                                    sum += p;
                                    mag += Math.abs(p);
                                }
                            }
                        }
                        float got = y[((n * cs.m + o) * oh + oy) * ow + ox];
                        if (!(Math.abs(got - sum) <= 1e-6 * mag + 1e-7)) {
                            fail(cs + " n=" + n + " m=" + o + " (" + oy + "," + ox + "): expected " + sum + ", got " + got);
                        }
                    }
                }
            }
        }
    }

    @Test
    void matchesDoubleSumOverRandomGeometries() {
        Random rnd = new Random(11);
        for (int i = 0; i < 300; i++) {
            Case cs = randomCase(rnd);
            assertThat(DirectConv.supports(cs.g, cs.c, 1)).as("%s", cs).isTrue();
            float[] x = random(rnd, cs.batch * cs.c * cs.g.inSize()), w = random(rnd, cs.m * cs.c * cs.g.kernelSize());
            float[] b = cs.bias ? random(rnd, cs.m) : null;
            checkAgainstDoubleSum(cs, x, w, b, direct(DirectConv.SCALAR, Parallel.serial(), cs, x, w, b, null));
        }
    }

    @Test
    void vectorKernelGivesScalarBitsForAnyThreadCount() {
        DirectConv.Kernel vector = KernelProvider.directConv();
        assumeTrue(vector != null, "the vector direct-convolution kernel runs on the vector path only");
        Random rnd = new Random(12);
        ConvFloat.Epilogue relu = (y, from, to) -> {
            for (int i = from; i < to; i++) y[i] = Math.max(0f, y[i]);
        };
        try (Parallel two = Parallel.create(2)) {
            for (int i = 0; i < 200; i++) {
                Case cs = randomCase(rnd);
                float[] x = random(rnd, cs.batch * cs.c * cs.g.inSize()), w = random(rnd, cs.m * cs.c * cs.g.kernelSize());
                float[] b = cs.bias ? random(rnd, cs.m) : null;
                ConvFloat.Epilogue e = i % 2 == 0 ? relu : null;
                float[] ref = direct(DirectConv.SCALAR, Parallel.serial(), cs, x, w, b, e);
                assertThat(direct(vector, Parallel.serial(), cs, x, w, b, e)).as("1 thread, %s", cs).containsExactly(ref);
                assertThat(direct(vector, two, cs, x, w, b, e)).as("2 threads, %s", cs).containsExactly(ref);
            }
        }
    }

    @Test
    void largeFirstLayerKernelsRunDirectlyThroughConvFloat() {
        DirectConv.Kernel vector = KernelProvider.directConv();
        assumeTrue(vector != null, "the vector direct-convolution kernel runs on the vector path only");
        Random rnd = new Random(13);
        // resnet18's first layer (7x7 s2 pad 3) and a 5x5 one, at reduced size
        int[][] shapes = {{3, 64, 7, 2, 3}, {3, 24, 5, 1, 2}};
        for (int[] sh : shapes) {
            int c = sh[0], m = sh[1], k = sh[2], s = sh[3], p = sh[4], in = 57;
            int out = (in + 2 * p - k) / s + 1;
            ConvGeometry g = new ConvGeometry(new int[] {in, in}, new int[] {k, k}, new int[] {s, s}, new int[] {1, 1},
                    new int[] {p, p}, new int[] {p, p}, new int[] {out, out});
            assertThat(DirectConv.applies(g, c, 1)).as("%s", g).isTrue();
            Case cs = new Case(1, c, m, g, true);
            float[] x = random(rnd, c * g.inSize()), w = random(rnd, m * c * k * k), b = random(rnd, m);
            ConvWeights packed = ConvFloat.prepack(w, m, 1, c * k * k, false, false);
            float[] y = new float[m * g.outSize()];
            ConvFloat.conv(x, w, packed, b, y, 1, c, m, 1, g, null);
            assertThat(y).as("%s", g).containsExactly(direct(vector, Parallel.serial(), cs, x, w, b, null));
            checkAgainstDoubleSum(cs, x, w, b, y);
            // the GEMM path runs the same chain per output (bias, then the taps in order), so the same bits
            float[] viaGemm = new float[y.length];
            DirectConv.enabled = false;
            try {
                ConvFloat.conv(x, w, packed, b, viaGemm, 1, c, m, 1, g, null);
            } finally {
                DirectConv.enabled = true;
            }
            assertThat(viaGemm).as("GEMM path, %s", g).containsExactly(y);
        }
    }
}
