package dev.onyx.kernel;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Winograd F(2x2, 3x3) against a double-precision direct sum, within a bound scaled by the sum of |x * w| of each
 * output (the regrouped sums are not the same bits as the direct path's), over odd and even planes, pads of 0-2
 * on each side, channel counts that leave partial micro-tiles, batches, bias and epilogue; and the same bits for
 * any thread count. Runs on the vector path (the only one with the transforms).
 */
class WinogradTest {
    private static ConvGeometry geometry(int h, int w, int pt, int pl, int pb, int pr) {
        return new ConvGeometry(new int[] {h, w}, new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1},
                new int[] {pt, pl}, new int[] {pb, pr}, new int[] {h + pt + pb - 2, w + pl + pr - 2});
    }

    private static float[] random(Random rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = rnd.nextFloat() * 2 - 1;
        return v;
    }

    private static float[] run(float[] x, float[] w, ConvWeights packed, float[] b, int batch, int c, int m,
                               ConvGeometry g, ConvFloat.Epilogue epilogue) {
        float[] y = new float[batch * m * g.outSize()];
        Arrays.fill(y, Float.NaN); // every output must be written
        ConvFloat.conv(x, w, packed, b, y, batch, c, m, 1, g, epilogue);
        return y;
    }

    private static void check(Random rnd, int batch, int c, int m, ConvGeometry g, boolean bias) {
        Winograd.Transforms tr = KernelProvider.winograd();
        assumeTrue(tr != null, "Winograd transforms run on the vector path only");
        assertThat(Winograd.applies(g, c, m, 1, tr.lanes())).as("applies to %s c=%d m=%d", g, c, m).isTrue();
        float[] x = random(rnd, batch * c * g.inSize()), w = random(rnd, m * c * 9);
        float[] b = bias ? random(rnd, m) : null;
        ConvWeights packed = ConvFloat.prepack(w, m, 1, c * 9, false, true);
        assertThat(packed.winograd()).isNotNull();
        float[] y = run(x, w, packed, b, batch, c, m, g, null);
        int oh = g.out()[0], ow = g.out()[1], h = g.in()[0], iw = g.in()[1];
        int pt = g.padBegin()[0], pl = g.padBegin()[1];
        for (int n = 0; n < batch; n++) {
            for (int o = 0; o < m; o++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        double sum = b == null ? 0 : b[o], mag = Math.abs(sum);
                        for (int ci = 0; ci < c; ci++) {
                            for (int ky = 0; ky < 3; ky++) {
                                int iy = oy + ky - pt;
                                if (iy < 0 || iy >= h) continue;
                                for (int kx = 0; kx < 3; kx++) {
                                    int ix = ox + kx - pl;
                                    if (ix < 0 || ix >= iw) continue;
                                    double p = (double) x[((n * c + ci) * h + iy) * iw + ix] * w[((o * c + ci) * 3 + ky) * 3 + kx];
                                    sum += p;
                                    mag += Math.abs(p);
                                }
                            }
                        }
                        float got = y[((n * m + o) * oh + oy) * ow + ox];
                        if (!(Math.abs(got - sum) <= 1e-6 * mag + 1e-7)) {
                            fail("n=" + n + " m=" + o + " (" + oy + "," + ox + ") of " + g + " c=" + c + ": expected " + sum
                                    + " (sum of |terms| " + mag + "), got " + got);
                        }
                    }
                }
            }
        }
    }

    @Test
    void matchesDirectSumOnOddEvenPlanesAndPads() {
        Random rnd = new Random(7);
        check(rnd, 1, 8, 16, geometry(13, 13, 1, 1, 1, 1), true);
        check(rnd, 2, 17, 20, geometry(12, 15, 1, 1, 1, 1), false);   // batch 2, partial micro-tiles
        check(rnd, 1, 9, 33, geometry(11, 18, 0, 0, 0, 0), true);     // no pads: smaller output
        check(rnd, 1, 12, 16, geometry(9, 21, 2, 0, 1, 2), true);     // asymmetric pads
        check(rnd, 1, 16, 24, geometry(30, 34, 1, 1, 1, 1), true);    // several blocks of tile rows
        check(rnd, 1, 64, 64, geometry(56, 56, 1, 1, 1, 1), true);    // a ResNet shape
    }

    @Test
    void sameBitsForAnyThreadCountAndEpilogueOnEveryOutput() {
        Winograd.Transforms tr = KernelProvider.winograd();
        assumeTrue(tr != null, "Winograd transforms run on the vector path only");
        Random rnd = new Random(11);
        int c = 24, m = 40;
        ConvGeometry g = geometry(27, 29, 1, 1, 1, 1);
        float[] x = random(rnd, c * g.inSize()), w = random(rnd, m * c * 9), b = random(rnd, m);
        ConvWeights packed = ConvFloat.prepack(w, m, 1, c * 9, false, true);
        float[] serial = run(x, w, packed, b, 1, c, m, g, null);
        float[] relu = run(x, w, packed, b, 1, c, m, g, (y, from, to) -> {
            for (int i = from; i < to; i++) y[i] = Math.max(0f, y[i]);
        });
        for (int i = 0; i < serial.length; i++) assertThat(relu[i]).isEqualTo(Math.max(0f, serial[i]));
        for (int threads : new int[] {2, 3}) {
            try (Parallel par = Parallel.create(threads)) {
                float[] y = par.with(() -> run(x, w, packed, b, 1, c, m, g, null));
                assertThat(y).as("%d threads", threads).isEqualTo(serial);
            }
        }
    }

    @Test
    void takesOnlyUnitStride3x3SingleGroupWithEnoughChannels() {
        int lanes = 8;
        ConvGeometry ok = geometry(28, 28, 1, 1, 1, 1);
        assertThat(Winograd.applies(ok, 64, 64, 1, lanes)).isTrue();
        assertThat(Winograd.applies(ok, 64, 64, 2, lanes)).isFalse();
        assertThat(Winograd.applies(ok, 4, 64, 1, lanes)).isFalse();
        assertThat(Winograd.applies(ok, 64, 8, 1, lanes)).isFalse();
        ConvGeometry strided = new ConvGeometry(new int[] {28, 28}, new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1},
                new int[] {1, 1}, new int[] {1, 1}, new int[] {14, 14});
        assertThat(Winograd.applies(strided, 64, 64, 1, lanes)).isFalse();
        ConvGeometry dilated = new ConvGeometry(new int[] {28, 28}, new int[] {3, 3}, new int[] {1, 1}, new int[] {2, 2},
                new int[] {2, 2}, new int[] {2, 2}, new int[] {28, 28});
        assertThat(Winograd.applies(dilated, 64, 64, 1, lanes)).isFalse();
    }

    @Test
    void transformedWeightsReproduceTheKernelOnOneTile() {
        // one input channel, one output channel pair through the transforms by hand: U = G g G^T, and for an
        // impulse input d (1 at row i, column j of the tile) the sum of U times B^T d B, folded by A, is the correlation
        float[] g = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        ConvWeights u = Winograd.transformWeights(g, 1, 1, 1);
        float[] d = u.data();
        // U row 0 = G g0 row transformed: g row 0 = (1, 2, 3) -> (1, 3, 1, 3)
        assertThat(d[u.offset(0, 0, 0)]).isEqualTo(1f);
        assertThat(d[u.offset(1, 0, 0)]).isEqualTo(3f);
        assertThat(d[u.offset(2, 0, 0)]).isEqualTo(1f);
        assertThat(d[u.offset(3, 0, 0)]).isEqualTo(3f);
        // U[3][3] = g[2][2]
        assertThat(d[u.offset(15, 0, 0)]).isEqualTo(9f);
    }
}
