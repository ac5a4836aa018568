package dev.onyx.kernel;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SoftmaxKernelTest {
    @Test
    void floatPathsMatchDoublePathOnMiddleAndLastAxes() {
        int outer = 3, n = 5, inner = 4;
        float[] xf = new float[outer * n * inner];
        double[] xd = new double[xf.length];
        for (int i = 0; i < xf.length; i++) {
            xf[i] = (float) Math.sin(i * 0.7) * 30;
            xd[i] = xf[i];
        }
        for (boolean log : new boolean[] {false, true}) {
            for (int in : new int[] {1, inner}) {
                int nn = n * inner / in;
                float[] yf = new float[xf.length];
                double[] yd = new double[xd.length];
                SoftmaxKernel.softmax(xf, yf, outer, nn, in, log);
                SoftmaxKernel.softmax(xd, yd, outer, nn, in, log);
                for (int i = 0; i < yf.length; i++) assertThat((double) yf[i]).isCloseTo(yd[i], within(1e-5 + 1e-5 * Math.abs(yd[i])));
            }
        }
    }

    @Test
    void softmaxRowsSumToOneAndHardmaxMarksFirstMax() {
        float[] y = new float[3];
        SoftmaxKernel.softmax(new float[] {1, 2, 3}, y, 1, 3, 1, false);
        assertThat(y[0] + y[1] + y[2]).isCloseTo(1f, within(1e-6f));
        assertThat(y[2]).isCloseTo(0.66524096f, within(1e-6f));
        double[] h = new double[4];
        // [outer=1, n=2, inner=2]: columns {5, 5} and {1, 7}
        SoftmaxKernel.hardmax(new double[] {5, 1, 5, 7}, h, 1, 2, 2);
        assertThat(h).containsExactly(1, 0, 0, 1);
    }
}
