package dev.onyx.kernel;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

class UnaryMathTest {
    @Test
    void erfMatchesReferenceValues() {
        // values from Python math.erf
        double[][] ref = {
            {0, 0}, {1e-8, 1.1283791670955126e-08}, {0.1, 0.1124629160182849}, {0.5, 0.5204998778130465},
            {1, 0.8427007929497149}, {2, 0.9953222650189527}, {2.9, 0.9999589021219005},
            {3.5, 0.9999992569016276}, {5, 0.9999999999984626}, {-1, -0.8427007929497149}, {7, 1}};
        for (double[] p : ref) {
            assertThat(UnaryMath.erf(p[0])).as("erf(%s)", p[0]).isCloseTo(p[1], within(1e-15 + 1e-14 * Math.abs(p[1])));
            assertThat((double) UnaryMath.erfFast((float) p[0])).as("erfFast(%s)", p[0])
                    .isCloseTo(p[1], within(1e-7 + 2e-7 * Math.abs(p[1])));
        }
        assertThat(UnaryMath.erf(Double.NaN)).isNaN();
        assertThat(UnaryMath.erfFast(Float.NaN)).isNaN();
    }

    @Test
    void softplusIsStable() {
        assertThat(UnaryMath.softplus(1000)).isEqualTo(1000);
        assertThat(UnaryMath.softplus(-1000)).isEqualTo(0);
        assertThat(UnaryMath.softplus(0)).isCloseTo(Math.log(2), withinPercentage(1e-12));
    }

    @Test
    void clipGivesHiWhenBoundsCross() {
        float[] out = new float[3];
        UnaryF32.clip(new float[] {-1, 0.5f, Float.NaN}, 2, 1, out);
        assertThat(out[0]).isEqualTo(1);
        assertThat(out[1]).isEqualTo(1);
        assertThat(out[2]).isNaN();
    }
}
