package dev.onyx.kernel;

import dev.onyx.tensor.Shapes;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BroadcastTest {
    /** Flat index of the input element read for output element o, computed naively. */
    private static int naive(int[] in, int[] out, int o) {
        int[] idx = new int[out.length];
        for (int d = out.length - 1; d >= 0; d--) {
            idx[d] = o % out[d];
            o /= out[d];
        }
        int flat = 0;
        int off = out.length - in.length;
        for (int d = 0; d < in.length; d++) flat = flat * in[d] + (in[d] == 1 ? 0 : idx[d + off]);
        return flat;
    }

    private static void check(int[] out, int[]... ins) {
        int total = Shapes.size(out);
        int[][] seen = new int[ins.length][total];
        boolean[] covered = new boolean[total];
        Broadcast.rows(out, ins, (off, step, o, n) -> {
            for (int k = 0; k < ins.length; k++) assertThat(step[k]).isIn(0, 1);
            for (int i = 0; i < n; i++) {
                assertThat(covered[o + i]).isFalse();
                covered[o + i] = true;
                for (int k = 0; k < ins.length; k++) seen[k][o + i] = off[k] + i * step[k];
            }
        });
        for (int o = 0; o < total; o++) {
            assertThat(covered[o]).isTrue();
            for (int k = 0; k < ins.length; k++) assertThat(seen[k][o]).as("input %d at %d", k, o).isEqualTo(naive(ins[k], out, o));
        }
    }

    @Test
    void walksAllBroadcastPatterns() {
        check(new int[] {2, 3, 4}, new int[] {2, 3, 4}, new int[] {4});
        check(new int[] {2, 3, 4}, new int[] {2, 3, 4}, new int[] {3, 1});
        check(new int[] {2, 3, 4}, new int[] {2, 1, 4}, new int[] {1, 3, 1});
        check(new int[] {2, 3, 4}, new int[] {1}, new int[] {2, 3, 4});
        check(new int[] {2, 1, 4}, new int[] {2, 1, 4}, new int[] {});
        check(new int[] {1, 1}, new int[] {1, 1}, new int[] {1});
        check(new int[] {5, 1, 3, 2}, new int[] {5, 1, 1, 2}, new int[] {3, 1}, new int[] {1, 1, 3, 2});
        check(new int[] {3, 4, 5}, new int[] {3, 1, 5}, new int[] {4, 1}, new int[] {3, 4, 5});
    }

    @Test
    void randomShapes() {
        Random r = new Random(7);
        for (int iter = 0; iter < 200; iter++) {
            int rank = 1 + r.nextInt(4);
            int[] out = new int[rank];
            for (int d = 0; d < rank; d++) out[d] = 1 + r.nextInt(4);
            int[][] ins = new int[1 + r.nextInt(3)][];
            for (int k = 0; k < ins.length; k++) {
                int rk = r.nextInt(rank + 1);
                ins[k] = new int[rk];
                for (int d = 0; d < rk; d++) ins[k][d] = r.nextBoolean() ? 1 : out[rank - rk + d];
            }
            check(out, ins);
        }
    }

    @Test
    void emptyOutputCallsNothing() {
        Broadcast.rows(new int[] {0, 3}, new int[][] {{0, 3}, {3}}, (off, step, o, n) -> {
            throw new AssertionError("called");
        });
    }

    @Test
    void rejectsHigherRankInput() {
        assertThatThrownBy(() -> Broadcast.rows(new int[] {3, 2}, new int[][] {{2, 3, 2}}, (a, b, c, d) -> {}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void binaryF32MatchesScalarForEveryStepPattern() {
        Random r = new Random(3);
        for (BinaryF32.Op op : BinaryF32.Op.values()) {
            int[][][] shapes = {
                {{4, 33}, {4, 33}}, {{4, 33}, {33}}, {{4, 33}, {4, 1}}, {{1}, {4, 33}}, {{4, 1, 5}, {1, 3, 1}}};
            for (int[][] s : shapes) {
                float[] a = new float[Shapes.size(s[0])];
                float[] b = new float[Shapes.size(s[1])];
                for (int i = 0; i < a.length; i++) a[i] = r.nextFloat() * 4 - 2;
                for (int i = 0; i < b.length; i++) b[i] = r.nextFloat() * 4 + 0.5f;
                int[] out = Shapes.broadcast(s[0], s[1]);
                float[] got = BinaryF32.apply(op, a, s[0], b, s[1], out);
                for (int o = 0; o < got.length; o++) {
                    float want = BinaryF32.scalar(op, a[naive(s[0], out, o)], b[naive(s[1], out, o)]);
                    assertThat(got[o]).isEqualTo(want);
                }
            }
        }
    }
}
