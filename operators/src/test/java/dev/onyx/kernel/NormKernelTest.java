package dev.onyx.kernel;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class NormKernelTest {
    @Test
    void affineChannelsFloatAndDoubleAgree() {
        float[] xf = {1, 2, 3, 4, 5, 6, 7, 8};
        float[] yf = new float[8];
        NormKernel.affineChannels(xf, yf, 2, 2, 2, new float[] {2, -1}, new float[] {0.5f, 1});
        assertThat(yf).containsExactly(2.5f, 4.5f, -2, -3, 10.5f, 12.5f, -6, -7);
        double[] yd = new double[8];
        NormKernel.affineChannels(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, yd, 2, 2, 2, new double[] {2, -1}, new double[] {0.5, 1});
        assertThat(yd).containsExactly(2.5, 4.5, -2, -3, 10.5, 12.5, -6, -7);
    }

    @Test
    void momentsAndGroups() {
        double[] mean = new double[2];
        double[] var = new double[2];
        NormKernel.channelMoments(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, 2, 2, 2, mean, var);
        assertThat(mean).containsExactly(3.5, 5.5);
        assertThat(var).containsExactly(4.25, 4.25);
        double[] y = new double[4];
        double[] m = new double[2];
        double[] inv = new double[2];
        NormKernel.normalizeGroups(new double[] {1, 3, 10, 30}, y, 2, 2, 0, false, m, inv);
        assertThat(y).containsExactly(-1, 1, -1, 1);
        assertThat(m).containsExactly(2, 20);
        assertThat(inv[1]).isCloseTo(0.1, within(1e-12));
        NormKernel.normalizeGroups(new double[] {3, 4}, y, 1, 2, 0, true, null, null);
        assertThat(y[0]).isCloseTo(3 / Math.sqrt(12.5), within(1e-12));
    }
}
