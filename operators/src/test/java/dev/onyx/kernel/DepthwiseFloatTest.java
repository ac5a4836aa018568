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

    private static void check(Random rnd, ConvGeometry g) {
        float[] x = new float[3 + g.inSize()];
        float[] w = new float[2 + g.kernelSize()];
        for (int i = 0; i < x.length; i++) x[i] = rnd.nextFloat() * 2 - 1;
        for (int i = 0; i < w.length; i++) w[i] = rnd.nextFloat() * 2 - 1;
        float bias = rnd.nextFloat();
        float[] ys = new float[1 + g.outSize()];
        float[] yv = new float[1 + g.outSize()];
        DepthwiseFloat.SCALAR.plane(x, 3, w, 2, bias, ys, 1, g);
        KernelProvider.depthwise().plane(x, 3, w, 2, bias, yv, 1, g);
        assertThat(yv).as("%s", g).containsExactly(ys);
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
