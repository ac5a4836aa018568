package dev.onyx.kernel;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** The fused pointwise + depthwise pass gives the bits of the two convolutions run one after the other. */
class PointwiseDepthwiseTest {
    private static int[] a(int... v) { return v; }

    private static ConvGeometry geometry(int[] in, int[] k, int[] s, int[] pb, int[] pe) {
        int[] d = new int[in.length];
        Arrays.fill(d, 1);
        int[] out = new int[in.length];
        for (int i = 0; i < in.length; i++) out[i] = (in[i] + pb[i] + pe[i] - k[i]) / s[i] + 1;
        return new ConvGeometry(in, k, s, d, pb, pe, out);
    }

    private static final ConvFloat.Epilogue RELU6 = (y, from, to) -> {
        for (int i = from; i < to; i++) y[i] = Math.min(Math.max(y[i], 0f), 6f);
    };

    @Test
    void sameBitsAsTheTwoConvolutionsOneAfterTheOther() {
        Random rnd = new Random(3);
        // batch, cin, cmid, h, w, kernel, stride, pad
        int[][] cases = {{1, 16, 96, 14, 14, 3, 2, 1}, {1, 24, 144, 7, 7, 3, 1, 1}, {2, 3, 32, 9, 13, 3, 1, 1},
                {1, 33, 48, 5, 17, 5, 2, 2}, {1, 8, 16, 1, 40, 3, 1, 1}, {1, 40, 64, 28, 28, 3, 1, 1},
                {1, 300, 32, 6, 6, 3, 1, 0}, {1, 7, 24, 11, 11, 3, 1, 1}, {1, 5, 16, 3, 3, 3, 2, 2}};
        try (Parallel two = Parallel.create(2)) {
            for (int[] t : cases) {
                for (Parallel p : new Parallel[] {Parallel.serial(), two}) {
                    p.with(() -> {
                        check(rnd, t);
                        return null;
                    });
                }
            }
        }
    }

    private static void check(Random rnd, int[] t) {
        int batch = t[0], cin = t[1], cmid = t[2], h = t[3], w = t[4], k = t[5], s = t[6], pad = t[7];
        ConvGeometry g1 = geometry(a(h, w), a(1, 1), a(1, 1), a(0, 0), a(0, 0));
        ConvGeometry g2 = geometry(a(h, w), a(k, k), a(s, s), a(pad, pad), a(pad, pad));
        float[] x = new float[batch * cin * h * w];
        float[] w1 = new float[cmid * cin], b1 = new float[cmid];
        float[] w2 = new float[cmid * k * k], b2 = new float[cmid];
        for (float[] arr : new float[][] {x, w1, b1, w2, b2}) {
            for (int i = 0; i < arr.length; i++) arr[i] = rnd.nextFloat() * 2 - 1;
        }
        float[] mid = new float[batch * cmid * h * w];
        float[] want = new float[batch * cmid * g2.outSize()];
        ConvFloat.conv(x, w1, null, b1, mid, batch, cin, cmid, 1, g1, RELU6);
        ConvFloat.conv(mid, w2, null, b2, want, batch, cmid, cmid, cmid, g2, RELU6);
        float[] got = new float[want.length];
        Arrays.fill(got, Float.NaN);
        ConvWeights packed = ConvFloat.prepack(w1, cmid, 1, cin, false);
        PointwiseDepthwise.run(x, w1, packed, b1, RELU6, w2, b2, RELU6, got, batch, cin, cmid, g1, g2);
        if (!Arrays.equals(got, want)) {
            for (int i = 0; i < want.length; i++) {
                if (Float.floatToIntBits(got[i]) != Float.floatToIntBits(want[i])) {
                    fail(Arrays.toString(t) + " threads " + Parallel.current().threads() + " element " + i
                            + ": expected " + want[i] + ", got " + got[i]);
                }
            }
        }
        // without biases or epilogues, and packing on the fly
        float[] want2 = new float[want.length], got2 = new float[want.length];
        ConvFloat.conv(x, w1, null, null, mid, batch, cin, cmid, 1, g1, null);
        ConvFloat.conv(mid, w2, null, null, want2, batch, cmid, cmid, cmid, g2, null);
        PointwiseDepthwise.run(x, w1, null, null, null, w2, null, null, got2, batch, cin, cmid, g1, g2);
        assertThat(Arrays.equals(got2, want2)).as("%s without bias", Arrays.toString(t)).isTrue();
    }
}
