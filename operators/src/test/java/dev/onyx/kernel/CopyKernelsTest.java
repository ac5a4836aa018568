package dev.onyx.kernel;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The dtype-generic copy kernels: strided views, blocks, gathers, transposes and pads. */
class CopyKernelsTest {
    @Test
    void stridedHandlesBroadcastAndNegativeStrides() {
        long[] src = {1, 2, 3, 4, 5, 6};
        // reverse rows of a 2x3 and broadcast each element twice
        Object out = Copy.strided(src, 3, new int[] {2, 3, 2}, new int[] {-3, 1, 0});
        assertThat((long[]) out).containsExactly(4, 4, 5, 5, 6, 6, 1, 1, 2, 2, 3, 3);
        Object none = Copy.strided(src, 0, new int[] {0, 3}, new int[] {3, 1});
        assertThat((long[]) none).isEmpty();
        Object scalar = Copy.strided(new String[] {"a", "b"}, 1, new int[0], new int[0]);
        assertThat((String[]) scalar).containsExactly("b");
    }

    @Test
    void takeSkipsNegativeIndices() {
        boolean[] dst = {true, true, true};
        Copy.take(new boolean[] {false, false}, 0, new int[] {1, -1, 0}, 0, 3, dst, 0);
        assertThat(dst).containsExactly(false, true, false);
    }

    @Test
    void blockCopiesIntoStridedDestination() {
        int[] src = {1, 2, 3, 4};
        int[] dst = new int[9];
        Copy.block(src, 0, new int[] {2, 1}, dst, 4, new int[] {3, 1}, new int[] {2, 2});
        assertThat(dst).containsExactly(0, 0, 0, 0, 1, 2, 0, 3, 4);
    }

    @Test
    void transposeFloatFastPathMatchesGenericPath() {
        int rows = 37, cols = 70;
        float[] f = new float[rows * cols];
        double[] d = new double[rows * cols];
        for (int i = 0; i < f.length; i++) {
            f[i] = i;
            d[i] = i;
        }
        float[] tf = (float[]) Transpose.apply(f, new int[] {rows, cols}, new int[] {1, 0});
        double[] td = (double[]) Transpose.apply(d, new int[] {rows, cols}, new int[] {1, 0});
        for (int i = 0; i < tf.length; i++) assertThat((double) tf[i]).isEqualTo(td[i]);
        assertThat(tf[1]).isEqualTo(cols);
        byte[] b = (byte[]) Transpose.apply(new byte[] {0, 1, 2, 3, 4, 5}, new int[] {1, 2, 3}, new int[] {2, 1, 0});
        assertThat(b).containsExactly(0, 3, 1, 4, 2, 5);
    }

    @Test
    void gatherCopiesBlocks() {
        short[] src = {0, 1, 2, 3, 4, 5, 6, 7};
        short[] out = (short[]) Gather.gather(src, 2, 2, 2, new int[] {1, 1, 0});
        assertThat(out).containsExactly(new short[] {2, 3, 2, 3, 0, 1, 6, 7, 6, 7, 4, 5});
    }

    @Test
    void padModesMatchNumpy() {
        // numpy.pad(np.arange(3), (5, 4), mode)
        assertThat(Pad.axisMap(3, 5, 4, Pad.Mode.REFLECT)).containsExactly(1, 0, 1, 2, 1, 0, 1, 2, 1, 0, 1, 2);
        assertThat(Pad.axisMap(3, 5, 4, Pad.Mode.WRAP)).containsExactly(1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0);
        assertThat(Pad.axisMap(3, 2, 1, Pad.Mode.EDGE)).containsExactly(0, 0, 0, 1, 2, 2);
        assertThat(Pad.axisMap(3, -1, 1, Pad.Mode.CONSTANT)).containsExactly(1, 2, -1);
        Object out = Pad.pad(new double[] {1, 2, 3, 4}, new int[] {2, 2}, new int[] {1, 0}, new int[] {0, 1},
                Pad.Mode.CONSTANT, new double[] {-1});
        assertThat((double[]) out).containsExactly(-1, -1, -1, 1, 2, -1, 3, 4, -1);
        assertThatThrownBy(() -> Pad.pad(new float[0], new int[] {0}, new int[] {1}, new int[] {0}, Pad.Mode.EDGE, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
