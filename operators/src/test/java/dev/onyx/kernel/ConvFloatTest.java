package dev.onyx.kernel;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** ConvFloat (im2col + Sgemm, pointwise GEMM, depthwise loop) against the direct double-precision ConvDouble. */
class ConvFloatTest {
    private static ConvGeometry geometry(int[] in, int[] k, int[] s, int[] d, int[] pb, int[] pe) {
        int[] out = new int[in.length];
        for (int i = 0; i < in.length; i++) out[i] = (in[i] + pb[i] + pe[i] - ((k[i] - 1) * d[i] + 1)) / s[i] + 1;
        return new ConvGeometry(in, k, s, d, pb, pe, out);
    }

    private static void check(Random rnd, int batch, int c, int m, int group, ConvGeometry g, boolean bias) {
        float[] x = new float[batch * c * g.inSize()];
        float[] w = new float[m * (c / group) * g.kernelSize()];
        float[] b = bias ? new float[m] : null;
        for (int i = 0; i < x.length; i++) x[i] = rnd.nextFloat() * 2 - 1;
        for (int i = 0; i < w.length; i++) w[i] = rnd.nextFloat() * 2 - 1;
        if (b != null) for (int i = 0; i < m; i++) b[i] = rnd.nextFloat() * 2 - 1;
        float[] y = new float[batch * m * g.outSize()];
        java.util.Arrays.fill(y, Float.NaN); // must be fully overwritten
        ConvFloat.conv(x, w, b, y, batch, c, m, group, g);
        double[] yd = new double[y.length];
        ConvDouble.conv(toD(x), toD(w), b == null ? null : toD(b), yd, batch, c, m, group, g);
        for (int i = 0; i < y.length; i++) {
            if (!(Math.abs(y[i] - yd[i]) <= 1e-4 + 1e-4 * Math.abs(yd[i]))) {
                fail("element " + i + " of " + g + ", c=" + c + " m=" + m + " group=" + group + ": expected " + yd[i]
                        + ", got " + y[i]);
            }
        }
    }

    private static double[] toD(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i];
        return d;
    }

    private static int[] a(int... v) { return v; }

    @Test
    void matchesDirectConvolutionOverManyShapes() {
        Random rnd = new Random(42);
        check(rnd, 2, 3, 4, 1, geometry(a(7, 6), a(3, 3), a(1, 1), a(1, 1), a(1, 1), a(1, 1)), true);
        check(rnd, 1, 4, 6, 2, geometry(a(9, 8), a(3, 2), a(2, 3), a(1, 2), a(1, 0), a(2, 1)), false);
        check(rnd, 1, 6, 6, 3, geometry(a(5, 5), a(1, 1), a(1, 1), a(1, 1), a(0, 0), a(0, 0)), true);      // pointwise groups
        check(rnd, 2, 4, 8, 4, geometry(a(6, 7), a(3, 3), a(2, 1), a(1, 2), a(1, 2), a(0, 1)), true);      // depthwise x2
        check(rnd, 1, 3, 3, 3, geometry(a(8, 8), a(5, 5), a(1, 1), a(2, 2), a(4, 4), a(4, 4)), false);     // depthwise dilated
        check(rnd, 1, 5, 2, 1, geometry(a(11), a(4), a(3), a(2), a(2), a(5)), true);                     // 1-D
        check(rnd, 1, 2, 3, 1, geometry(a(4, 5, 3), a(2, 3, 2), a(1, 2, 1), a(1, 1, 2), a(1, 0, 1), a(0, 1, 1)), true); // 3-D
        check(rnd, 1, 2, 2, 2, geometry(a(4, 5, 3), a(3, 1, 2), a(2, 1, 1), a(1, 1, 1), a(1, 1, 0), a(1, 0, 1)), false);
        check(rnd, 1, 1, 2, 1, geometry(a(3, 3), a(3, 3), a(1, 1), a(1, 1), a(5, 5), a(5, 5)), true);      // pads beyond kernel
        check(rnd, 1, 3, 2, 1, geometry(a(6, 6), a(1, 1), a(2, 2), a(1, 1), a(0, 0), a(0, 0)), true);      // 1x1 strided
    }

    @Test
    void tilesWhenTheColumnMatrixExceedsTheBudget() {
        // K = 16 * 9 = 144, output 100 x 90 = 9000 positions: 1.3M floats > budget, tiles split rows
        ConvGeometry g = geometry(a(100, 90), a(3, 3), a(1, 1), a(1, 1), a(1, 1), a(1, 1));
        assertThat((long) 16 * 9 * g.outSize()).isGreaterThan(ConvFloat.COL_BUDGET);
        check(new Random(1), 1, 16, 3, 1, g, true);
        // a 1-D conv whose single output row is longer than one tile
        ConvGeometry g1 = geometry(a(40000), a(3), a(1), a(1), a(1), a(1));
        check(new Random(2), 1, 32, 2, 1, g1, false);
    }

    @Test
    void im2colLaysOutTapsByRowsAndZeroFillsPadding() {
        // 1 channel 2x3 image, 2x2 kernel, pads 1 on top/left only: output 2x3
        float[] x = {1, 2, 3, 4, 5, 6};
        ConvGeometry g = new ConvGeometry(a(2, 3), a(2, 2), a(1, 1), a(1, 1), a(1, 1), a(0, 0), a(2, 3));
        float[] col = new float[4 * 6];
        Im2col.fill(x, 0, 1, g, 0, 6, col);
        assertThat(col).containsExactly(
                0, 0, 0, 0, 1, 2,   // tap (0,0)
                0, 0, 0, 1, 2, 3,   // tap (0,1)
                0, 1, 2, 0, 4, 5,   // tap (1,0)
                1, 2, 3, 4, 5, 6);  // tap (1,1)
        float[] part = new float[4 * 3];
        Im2col.fill(x, 0, 1, g, 2, 3, part); // positions 2..4 straddle the two output rows
        assertThat(part).containsExactly(0, 0, 1, 0, 1, 2, 2, 0, 4, 3, 4, 5);
    }

    /** Runs the convolution with the given parallelism and an epilogue that adds 1 then clamps at 0. */
    private static float[] runWith(Parallel par, float[] x, float[] w, float[] b, int batch, int c, int m, int group,
                                   ConvGeometry g) {
        float[] y = new float[batch * m * g.outSize()];
        java.util.Arrays.fill(y, Float.NaN);
        par.with(() -> {
            ConvFloat.conv(x, w, b, y, batch, c, m, group, g, (v, from, to) -> {
                for (int i = from; i < to; i++) v[i] = Math.max(0f, v[i] + 1f);
            });
            return null;
        });
        return y;
    }

    @Test
    void sameBitsForAnyThreadCountWithEpilogueAppliedOnce() {
        Random rnd = new Random(7);
        int[][] cases = {
                // batch, c, m, group, in, kernel, stride, pad
                {1, 3, 17, 1, 33, 3, 1, 1}, {2, 13, 50, 1, 13, 3, 2, 1}, {1, 4, 130, 1, 17, 3, 1, 1},
                {1, 33, 127, 1, 9, 1, 1, 0}, {1, 17, 17, 17, 13, 3, 1, 1}, {1, 16, 32, 16, 33, 3, 2, 1},
                {1, 8, 49, 1, 127, 1, 1, 0}, {1, 40, 64, 1, 7, 3, 1, 1}, {1, 6, 9, 3, 11, 3, 1, 0},
                // several reduction blocks per group (cg * 9 > 252), bands over 2 threads, 7x7 output
                {1, 64, 36, 2, 9, 3, 1, 1}, {1, 96, 80, 1, 7, 3, 1, 1}, {2, 300, 20, 1, 5, 1, 1, 0},
                // bands sharing one packed panel: grouped, pointwise over two reduction blocks, a partial last tile
                {1, 64, 128, 2, 7, 3, 1, 1}, {1, 300, 96, 1, 7, 1, 1, 0}, {1, 4, 130, 1, 19, 3, 1, 1}};
        try (Parallel two = Parallel.create(2)) {
            for (int[] t : cases) {
                int batch = t[0], c = t[1], m = t[2], group = t[3];
                ConvGeometry g = geometry(a(t[4], t[4]), a(t[5], t[5]), a(t[6], t[6]), a(1, 1), a(t[7], t[7]), a(t[7], t[7]));
                float[] x = new float[batch * c * g.inSize()];
                float[] w = new float[m * (c / group) * g.kernelSize()];
                float[] b = new float[m];
                for (int i = 0; i < x.length; i++) x[i] = rnd.nextFloat() * 2 - 1;
                for (int i = 0; i < w.length; i++) w[i] = rnd.nextFloat() * 2 - 1;
                for (int i = 0; i < m; i++) b[i] = rnd.nextFloat() * 2 - 1;
                float[] one = runWith(Parallel.serial(), x, w, b, batch, c, m, group, g);
                float[] par = runWith(two, x, w, b, batch, c, m, group, g);
                // bit-for-bit (Arrays.equals compares floatToIntBits); containsExactly is quadratic on large arrays
                assertThat(java.util.Arrays.equals(par, one)).as("case %s", java.util.Arrays.toString(t)).isTrue();
                double[] yd = new double[one.length];
                ConvDouble.conv(toD(x), toD(w), toD(b), yd, batch, c, m, group, g);
                for (int i = 0; i < one.length; i++) {
                    double want = Math.max(0, yd[i] + 1);
                    if (!(Math.abs(one[i] - want) <= 1e-3 + 1e-4 * Math.abs(want))) {
                        fail("case " + java.util.Arrays.toString(t) + " element " + i + ": expected " + want + ", got " + one[i]);
                    }
                }
            }
        }
    }

    @Test
    void prepackedWeightsGiveTheSameBitsAsPackingOnTheFly() {
        Random rnd = new Random(11);
        ConvGeometry g = geometry(a(10, 9), a(3, 3), a(2, 1), a(1, 1), a(1, 1), a(0, 1));
        int c = 60, m = 37, group = 1;
        float[] x = new float[c * g.inSize()];
        float[] w = new float[m * c * 9];
        float[] b = new float[m];
        for (int i = 0; i < x.length; i++) x[i] = rnd.nextFloat() * 2 - 1;
        for (int i = 0; i < w.length; i++) w[i] = rnd.nextFloat() * 2 - 1;
        for (int i = 0; i < m; i++) b[i] = rnd.nextFloat() * 2 - 1;
        float[] plain = new float[m * g.outSize()];
        float[] packed = new float[m * g.outSize()];
        ConvFloat.conv(x, w, null, b, plain, 1, c, m, group, g, null);
        ConvWeights pw = ConvFloat.prepack(w, m, group, c * 9, false);
        if (KernelProvider.convGemm() == null) {
            assertThat(pw).as("the scalar path packs nothing").isNull();
        } else {
            assertThat(pw.depth()).isEqualTo(c * 9);
            assertThat(pw.outChannels()).isEqualTo(m);
        }
        ConvFloat.conv(x, w, pw, b, packed, 1, c, m, group, g, null);
        assertThat(java.util.Arrays.equals(plain, packed)).isTrue();
        // weights packed for another shape are not used by mistake
        ConvWeights other = ConvFloat.prepack(new float[m * 9], m, group, 9, false);
        float[] again = new float[m * g.outSize()];
        ConvFloat.conv(x, w, other, b, again, 1, c, m, group, g, null);
        assertThat(java.util.Arrays.equals(plain, again)).isTrue();
        assertThat(ConvFloat.prepack(w, m, group, c * 9, true)).as("depthwise convolutions use W as is").isNull();
    }

    @Test
    void packedWeightsLayOutSliversOfRowsStepByStep() {
        // 2 groups of 3 output channels, depth 2, slivers of 2 rows: the third row of each group pads with zeros
        float[] w = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        ConvWeights p = ConvWeights.pack(w, 6, 2, 2, 2);
        assertThat(p.data()).containsExactly(1, 3, 2, 4, 5, 0, 6, 0, 7, 9, 8, 10, 11, 0, 12, 0);
        assertThat(p.offset(1, 2, 1)).isEqualTo(14);
    }

    @Test
    void panelBlocksHoldWholeChannelsOfTheIm2colMatrix() {
        Random rnd = new Random(5);
        ConvGeometry g = geometry(a(6, 7), a(3, 3), a(1, 2), a(1, 1), a(1, 0), a(1, 1));
        int c = 60; // 540 rows: blocks of 28 channels = 252 rows, then 252, then 36
        assertThat(ConvPanels.blockRows(g)).isEqualTo(252);
        float[] x = new float[c * g.inSize()];
        for (int i = 0; i < x.length; i++) x[i] = rnd.nextFloat();
        int first = 3, count = g.outSize() - 5;
        float[] col = new float[c * 9 * count];
        Im2col.fill(x, 0, c, g, first, count, col);
        ConvPanels panels = new ConvPanels(x, 0, g);
        float[] scratch = new float[panels.scratchSize(count)];
        for (int pc = 0; pc < c * 9; pc += 252) {
            int kc = Math.min(252, c * 9 - pc);
            ConvPanels.Block block = panels.block(pc, kc, first, count, scratch);
            for (int r = 0; r < kc; r++) {
                for (int j = 0; j < count; j++) {
                    assertThat(block.array()[block.offset() + r * block.stride() + j]).isEqualTo(col[(pc + r) * count + j]);
                }
            }
        }
        // a pointwise convolution reads the image itself
        ConvGeometry pg = geometry(a(4, 5), a(1, 1), a(1, 1), a(1, 1), a(0, 0), a(0, 0));
        ConvPanels pp = new ConvPanels(x, 7, pg);
        assertThat(pp.scratchSize(20)).isZero();
        ConvPanels.Block pb = pp.block(256, 3, 2, 10, new float[0]);
        assertThat(pb.array()).isSameAs(x);
        assertThat(pb.offset()).isEqualTo(7 + 256 * 20 + 2);
        assertThat(pb.stride()).isEqualTo(20);
    }

    @Test
    void packedPanelsHoldTheIm2colBlocksInSlivers() {
        KernelProvider.ConvGemmKernel gemm = KernelProvider.convGemm();
        org.junit.jupiter.api.Assumptions.assumeTrue(gemm != null, "the scalar path has no packed panels");
        int nr = gemm.bandUnit();
        Random rnd = new Random(21);
        // {c, d, h, w, kd, kh, kw, stride, pad, dilation}
        int[][] cases = {{3, 1, 9, 9, 1, 3, 3, 1, 1, 1}, {2, 1, 11, 55, 1, 3, 3, 1, 1, 1}, {3, 1, 17, 17, 1, 3, 3, 2, 0, 1},
                {3, 1, 20, 33, 1, 7, 7, 2, 3, 1}, {4, 1, 8, 16, 1, 3, 3, 2, 1, 1}, {5, 1, 6, 7, 1, 3, 3, 3, 1, 1},
                {2, 1, 10, 12, 1, 3, 3, 1, 2, 2}, {2, 3, 5, 9, 2, 3, 3, 1, 1, 1}, {30, 1, 5, 5, 1, 3, 3, 1, 1, 1},
                {1, 1, 1, 40, 1, 1, 5, 2, 2, 1}, {2, 1, 4, 24, 1, 2, 4, 2, 0, 1}};
        for (int[] t : cases) {
            int c = t[0];
            ConvGeometry g = geometry(a(t[1], t[2], t[3]), a(t[4], t[5], t[6]), a(1, t[7], t[7]), a(1, t[9], t[9]),
                    a(0, t[8], t[8]), a(0, t[8], t[8]));
            float[] x = new float[2 + c * g.inSize()];
            for (int i = 0; i < x.length; i++) x[i] = rnd.nextFloat() + 1f; // never 0: padding shows
            ConvPanels panels = new ConvPanels(x, 2, g);
            int depth = c * g.kernelSize(), n = g.outSize(), kcMax = panels.blockRows();
            for (int first = 0; first < n; first += 48) {
                for (int count : new int[] {n - first, Math.min(n - first, 16), Math.min(n - first, 37)}) {
                    float[] got = new float[gemm.panelSize(depth, count)];
                    java.util.Arrays.fill(got, Float.NaN);
                    for (int pc = 0; pc < depth; pc += kcMax) gemm.packPanel(panels, pc, Math.min(kcMax, depth - pc), first, count, got, 0);
                    int width = (count + nr - 1) / nr * nr;
                    float[] scratch = new float[panels.scratchSize(count)];
                    for (int pc = 0; pc < depth; pc += kcMax) {
                        int kc = Math.min(kcMax, depth - pc);
                        ConvPanels.Block b = panels.block(pc, kc, first, count, scratch);
                        for (int r = 0; r < kc; r++) {
                            for (int j = 0; j < width; j++) {
                                float want = j < count ? b.array()[b.offset() + r * b.stride() + j] : 0f;
                                float have = got[pc * width + (j / nr) * kc * nr + r * nr + j % nr];
                                if (Float.floatToIntBits(have) != Float.floatToIntBits(want)) {
                                    fail(java.util.Arrays.toString(t) + " first " + first + " count " + count + " row " + (pc + r)
                                            + " column " + j + ": expected " + want + ", got " + have);
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
