package dev.onyx.kernel;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Depthwise plane kernels: vector and scalar twins give the same bits, and match a direct double reference. */
class DepthwiseFloatTest {
    private static int[] a(int... v) { return v; }

    private static ConvGeometry geometry(int[] in, int[] k, int[] s, int[] d, int[] pb, int[] pe) {
        int[] out = new int[in.length];
        for (int i = 0; i < in.length; i++) out[i] = (in[i] + pb[i] + pe[i] - ((k[i] - 1) * d[i] + 1)) / s[i] + 1;
        return new ConvGeometry(in, k, s, d, pb, pe, out);
    }

    @Test
    void vectorKernelIsLoadedInTests() {
        org.junit.jupiter.api.Assumptions.assumeFalse("false".equalsIgnoreCase(System.getProperty("onyx.vector")),
                "the scalar-kernels run checks the scalar path");
        assertThat(KernelProvider.depthwise()).isNotSameAs(DepthwiseFloat.SCALAR);
    }

    @Test
    void vectorScalarAndReferenceAgreeOnOddSizes() {
        Random rnd = new Random(5);
        int[] sizes = {1, 3, 13, 17, 33, 127};
        for (int h : sizes) {
            for (int wd : sizes) {
                for (int[] kso : new int[][] {{3, 1, 1, 1}, {3, 2, 1, 1}, {5, 1, 2, 2}, {1, 1, 0, 1}, {3, 1, 2, 1}, {3, 2, 0, 1}}) {
                    int k = kso[0], s = kso[1], p = kso[2], dil = kso[3];
                    if ((k - 1) * dil + 1 > wd + 2 * p || (k - 1) * dil + 1 > h + 2 * p) continue;
                    ConvGeometry g = geometry(a(1, h, wd), a(1, k, k), a(1, s, s), a(1, dil, dil), a(0, p, p), a(0, p, p));
                    check(rnd, g);
                }
            }
        }
        check(rnd, geometry(a(5, 7, 19), a(3, 3, 3), a(1, 1, 1), a(1, 1, 1), a(1, 1, 1), a(1, 1, 1))); // 3-D
        check(rnd, geometry(a(1, 3, 3), a(1, 3, 3), a(1, 1, 1), a(1, 1, 1), a(0, 5, 5), a(0, 5, 5)));  // pads beyond kernel
    }

    @Test
    void stride2PadsBordersOddWidthsAnd3d() {
        Random rnd = new Random(9);
        for (int wd : new int[] {2, 4, 5, 7, 8, 9, 14, 15, 16, 17, 18, 19, 31, 32, 33, 56, 57, 112, 113}) {
            for (int h : new int[] {1, 2, 5, 8}) {
                // {k, stride, pad begin, pad end, dilation}
                for (int[] c : new int[][] {{3, 2, 1, 1, 1}, {3, 2, 0, 1, 1}, {3, 2, 1, 0, 1}, {3, 2, 0, 0, 1}, {3, 1, 1, 1, 1},
                        {3, 1, 0, 2, 1}, {3, 1, 2, 0, 1}, {5, 2, 2, 2, 1}, {5, 1, 2, 2, 1}, {3, 2, 2, 2, 2}, {2, 2, 0, 0, 1},
                        {4, 2, 1, 2, 1}, {1, 2, 0, 0, 1}, {7, 1, 3, 3, 1}, {3, 2, 3, 3, 1}}) {
                    int k = c[0], st = c[1], pb = c[2], pe = c[3], dil = c[4];
                    int span = (k - 1) * dil + 1;
                    if (span > wd + pb + pe || span > h + pb + pe) continue;
                    check(rnd, geometry(a(1, h, wd), a(1, k, k), a(1, st, st), a(1, dil, dil), a(0, pb, pb), a(0, pe, pe)));
                    // rectangular kernels and per-axis strides
                    if (k <= h + pb + pe) {
                        check(rnd, geometry(a(1, h, wd), a(1, Math.min(k, 2), k), a(1, 1, st), a(1, 1, dil), a(0, 0, pb), a(0, 1, pe)));
                    }
                }
            }
        }
        check(rnd, geometry(a(1, 1, 40), a(1, 1, 3), a(1, 1, 2), a(1, 1, 1), a(0, 0, 1), a(0, 0, 1)));    // 1-D stride 2
        check(rnd, geometry(a(1, 1, 40), a(1, 1, 5), a(1, 1, 1), a(1, 1, 3), a(0, 0, 4), a(0, 0, 2)));    // 1-D dilated
        check(rnd, geometry(a(5, 7, 35), a(3, 3, 3), a(2, 2, 2), a(1, 1, 1), a(1, 1, 1), a(1, 1, 1)));    // 3-D stride 2
        check(rnd, geometry(a(4, 6, 20), a(2, 3, 3), a(1, 1, 2), a(2, 1, 1), a(1, 1, 1), a(0, 1, 0)));    // 3-D mixed
        check(rnd, geometry(a(1, 3, 20), a(1, 3, 3), a(1, 3, 3), a(1, 1, 1), a(0, 1, 1), a(0, 1, 1)));    // stride 3 (scalar)
    }

    @Test
    void specialValuesGiveTheSameBits() {
        Random rnd = new Random(4);
        for (ConvGeometry g : new ConvGeometry[] {
                geometry(a(1, 9, 33), a(1, 3, 3), a(1, 1, 1), a(1, 1, 1), a(0, 1, 1), a(0, 1, 1)),
                geometry(a(1, 9, 33), a(1, 3, 3), a(1, 2, 2), a(1, 1, 1), a(0, 1, 1), a(0, 1, 1)),
                geometry(a(1, 7, 7), a(1, 3, 3), a(1, 1, 1), a(1, 1, 1), a(0, 1, 1), a(0, 1, 1)),
                geometry(a(1, 14, 14), a(1, 3, 3), a(1, 2, 2), a(1, 1, 1), a(0, 1, 1), a(0, 1, 1))}) {
            float[] x = new float[g.inSize()];
            float[] w = new float[g.kernelSize()];
            for (int i = 0; i < x.length; i++) {
                int r = rnd.nextInt(12);
                x[i] = r == 0 ? -0f : r == 1 ? 0f : r == 2 ? Float.POSITIVE_INFINITY : r == 3 ? Float.NaN : rnd.nextFloat() - 0.5f;
            }
            for (int i = 0; i < w.length; i++) w[i] = i % 3 == 0 ? -0f : rnd.nextFloat() - 0.5f;
            float[] ys = new float[g.outSize()], yv = new float[g.outSize()];
            DepthwiseFloat.SCALAR.plane(x, 0, w, 0, -0f, ys, 0, g);
            KernelProvider.depthwise().plane(x, 0, w, 0, -0f, yv, 0, g);
            for (int i = 0; i < ys.length; i++) {
                assertThat(Float.floatToIntBits(yv[i])).as("%s output %d", g, i).isEqualTo(Float.floatToIntBits(ys[i]));
                float want = DepthwiseFloat.output(x, 0, w, 0, -0f, g.as3d(), 0, i / g.out()[2], i % g.out()[2]);
                assertThat(Float.floatToIntBits(ys[i])).as("%s output %d", g, i).isEqualTo(Float.floatToIntBits(want));
            }
        }
    }

    @Test
    void channelBlocksGiveThePlaneBitsForAnyStrip() {
        DepthwiseFloat.Kernel kernel = KernelProvider.depthwise();
        int bc = kernel.blockChannels();
        org.junit.jupiter.api.Assumptions.assumeTrue(bc > 0, "this kernel works plane by plane only");
        Random rnd = new Random(11);
        for (int wd : new int[] {1, 2, 3, 5, 7, 8, 14, 17, 28, 33}) {
            for (int h : new int[] {1, 3, 7, 14}) {
                // {kh, kw, stride h, stride w, pad begin, pad end, dilation}
                for (int[] c : new int[][] {{3, 3, 1, 1, 1, 1, 1}, {3, 3, 2, 2, 1, 1, 1}, {3, 3, 2, 2, 0, 1, 1}, {3, 3, 1, 1, 0, 0, 1},
                        {5, 5, 1, 1, 2, 2, 1}, {5, 5, 2, 2, 2, 2, 1}, {3, 3, 1, 1, 2, 2, 2}, {1, 3, 1, 2, 1, 0, 1}, {7, 7, 1, 1, 3, 3, 1},
                        {3, 3, 3, 1, 1, 1, 1}, {1, 1, 1, 1, 0, 0, 1}, {3, 3, 1, 1, 4, 4, 1}, {2, 4, 2, 3, 1, 2, 1}}) {
                    int kh = c[0], kw = c[1], sh = c[2], sw = c[3], pb = c[4], pe = c[5], dil = c[6];
                    if ((kh - 1) * dil + 1 > h + pb + pe || (kw - 1) * dil + 1 > wd + pb + pe) continue;
                    ConvGeometry g = geometry(a(1, h, wd), a(1, kh, kw), a(1, sh, sw), a(1, dil, dil), a(0, pb, pb), a(0, pe, pe));
                    checkBlock(rnd, kernel, bc, g, rnd.nextBoolean());
                }
            }
        }
        ConvGeometry special = geometry(a(1, 9, 13), a(1, 3, 3), a(1, 1, 1), a(1, 1, 1), a(0, 1, 1), a(0, 1, 1));
        checkBlock(rnd, kernel, bc, special, true);
    }

    /** Every strip split of one block of channels against plane-by-plane results, bit for bit. */
    private static void checkBlock(Random rnd, DepthwiseFloat.Kernel kernel, int bc, ConvGeometry g, boolean specials) {
        int in = g.inSize(), out = g.outSize(), ks = g.kernelSize();
        float[] x = new float[5 + bc * in];
        float[] w = new float[3 + bc * ks];
        float[] b = new float[2 + bc];
        for (int i = 0; i < x.length; i++) {
            int r = specials ? rnd.nextInt(10) : 9;
            x[i] = r == 0 ? -0f : r == 1 ? 0f : r == 2 ? Float.NEGATIVE_INFINITY : r == 3 ? Float.NaN : rnd.nextFloat() * 2 - 1;
        }
        for (int i = 0; i < w.length; i++) w[i] = specials && i % 4 == 0 ? -0f : rnd.nextFloat() * 2 - 1;
        for (int i = 0; i < b.length; i++) b[i] = specials && i % 3 == 0 ? -0f : rnd.nextFloat();
        float[] want = new float[1 + bc * out];
        for (int c = 0; c < bc; c++) DepthwiseFloat.SCALAR.plane(x, 5 + c * in, w, 3 + c * ks, b[2 + c], want, 1 + c * out, g);
        int oh0 = g.out()[1];
        for (int rows : new int[] {oh0, 1, 2, 3}) {
            float[] got = new float[1 + bc * out];
            java.util.Arrays.fill(got, 42f);
            for (int r0 = 0; r0 < oh0; r0 += rows) kernel.block(x, 5, w, 3, b, 2, got, 1, g, r0, Math.min(oh0, r0 + rows));
            assertThat(got[0]).isEqualTo(42f);
            for (int i = 1; i < got.length; i++) {
                if (Float.floatToIntBits(got[i]) != Float.floatToIntBits(want[i])) {
                    fail(g + " strips of " + rows + " rows, channel " + (i - 1) / out + " output " + (i - 1) % out
                            + ": expected " + want[i] + ", got " + got[i]);
                }
            }
        }
        float[] noBias = new float[bc * out], planes = new float[bc * out];
        kernel.block(x, 5, w, 3, null, 0, noBias, 0, g, 0, oh0);
        for (int c = 0; c < bc; c++) DepthwiseFloat.SCALAR.plane(x, 5 + c * in, w, 3 + c * ks, 0f, planes, c * out, g);
        assertThat(noBias).as("%s without bias", g).containsExactly(planes);
    }

    private static void check(Random rnd, ConvGeometry g) {
        float[] x = new float[3 + g.inSize()];
        float[] w = new float[2 + g.kernelSize()];
        for (int i = 0; i < x.length; i++) x[i] = rnd.nextFloat() * 2 - 1;
        for (int i = 0; i < w.length; i++) w[i] = rnd.nextFloat() * 2 - 1;
        float bias = rnd.nextFloat();
        float[] ys = new float[1 + g.outSize()];
        float[] yv = new float[1 + g.outSize()];
        ConvGeometry g3 = g.as3d();
        DepthwiseFloat.SCALAR.plane(x, 3, w, 2, bias, ys, 1, g3);
        KernelProvider.depthwise().plane(x, 3, w, 2, bias, yv, 1, g3);
        assertThat(yv).as("%s", g).containsExactly(ys);
        int oh0 = g3.out()[1], ow0 = g3.out()[2];
        for (int i = 0; i < g.outSize(); i++) {
            int od = i / (oh0 * ow0), oh = i / ow0 % oh0, ow = i % ow0;
            assertThat(ys[1 + i]).as("%s output %d", g, i).isEqualTo(DepthwiseFloat.output(x, 3, w, 2, bias, g3, od, oh, ow));
        }
        double[] yd = new double[g.outSize()];
        double[] xd = new double[g.inSize()];
        double[] wdd = new double[g.kernelSize()];
        for (int i = 0; i < xd.length; i++) xd[i] = x[3 + i];
        for (int i = 0; i < wdd.length; i++) wdd[i] = w[2 + i];
        ConvDouble.conv(xd, wdd, new double[] {bias}, yd, 1, 1, 1, 1, g);
        for (int i = 0; i < yd.length; i++) {
            if (!(Math.abs(ys[1 + i] - yd[i]) <= 1e-5 + 1e-5 * Math.abs(yd[i]))) {
                fail(g + " output " + i + ": expected " + yd[i] + ", got " + ys[1 + i]);
            }
        }
    }
}
