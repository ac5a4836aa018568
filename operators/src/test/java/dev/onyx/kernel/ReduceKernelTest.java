package dev.onyx.kernel;

import dev.onyx.kernel.ReduceKernel.Kind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ReduceKernelTest {
    @Test
    void slotsCollapseReducedAxes() {
        // shape [2, 3, 2], reduce axis 1: element (i, j, k) goes to slot i * 2 + k
        int[] map = ReduceKernel.slots(new int[] {2, 3, 2}, new boolean[] {false, true, false});
        assertThat(map).containsExactly(0, 1, 0, 1, 0, 1, 2, 3, 2, 3, 2, 3);
        int[] first = ReduceKernel.slots(new int[] {2, 3}, new boolean[] {true, false});
        assertThat(first).containsExactly(0, 1, 2, 0, 1, 2);
        assertThat(ReduceKernel.slots(new int[] {0, 3}, new boolean[] {true, false})).isEmpty();
    }

    @Test
    void floatingKinds() {
        double[] x = {1, -2, 3, 4};
        int[] map = {0, 0, 1, 1};
        double[] out = new double[2];
        ReduceKernel.reduce(Kind.L1, x, map, out, 2);
        assertThat(out).containsExactly(3, 7);
        ReduceKernel.reduce(Kind.MEAN, x, map, out, 2);
        assertThat(out).containsExactly(-0.5, 3.5);
        ReduceKernel.reduce(Kind.LOG_SUM_EXP, new double[] {800, 800, Double.NEGATIVE_INFINITY, 0}, map, out, 2);
        assertThat(out[0]).isCloseTo(800 + Math.log(2), within(1e-9));
        assertThat(out[1]).isCloseTo(0, within(1e-12));
        ReduceKernel.reduce(Kind.MAX, new double[] {1, Double.NaN, 2, 3}, map, out, 2);
        assertThat(out[0]).isNaN();
        assertThat(out[1]).isEqualTo(3);
    }

    @Test
    void integerKindsWrapAndCompareUnsigned() {
        long[] out = new long[1];
        ReduceKernel.reduce(Kind.SUM, new long[] {Long.MAX_VALUE, 1}, new int[] {0, 0}, out, 2, false, Long.MIN_VALUE, Long.MAX_VALUE);
        assertThat(out[0]).isEqualTo(Long.MIN_VALUE);
        ReduceKernel.reduce(Kind.MAX, new long[] {-1, 5}, new int[] {0, 0}, out, 2, true, 0, -1);
        assertThat(out[0]).isEqualTo(-1);
        ReduceKernel.reduce(Kind.MIN, new long[] {-1, 5}, new int[] {0, 0}, out, 2, true, 0, -1);
        assertThat(out[0]).isEqualTo(5);
    }
}
