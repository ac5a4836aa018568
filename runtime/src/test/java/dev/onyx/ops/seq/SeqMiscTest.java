package dev.onyx.ops.seq;

import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.onyx.ops.seq.SeqTesting.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeqMiscTest {
    @Test
    void cumProdInclusiveExclusiveReverse() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor ax = Tensor.scalar(1L);
        assertThat(run1("CumProd", 26, in(x, ax)).doubles()).containsExactly(1, 2, 6, 4, 20, 120);
        assertThat(run1("CumProd", 26, in(x, Tensor.scalar(0L)), i("exclusive", 1)).doubles()).containsExactly(1, 1, 1, 1, 2, 3);
        assertThat(run1("CumProd", 26, in(x, Tensor.scalar(-1L)), i("reverse", 1), i("exclusive", 1)).doubles())
                .containsExactly(6, 3, 1, 30, 6, 1);
        assertThat(run1("CumProd", 26, in(Tensor.of(new int[] {2, 3, 4}, 3), Tensor.of(new int[] {0}, 1))).ints())
                .containsExactly(2, 6, 24);
    }

    @Test
    void detOfBatchedMatrices() {
        float[] m = {0.73f, 1.28f, -0.29f, 1.03f, 1.51f, -1.59f, 1.4f, -0.42f, -0.08f, -1.41f, 0.79f, -0.83f, 1.48f, -0.9f, 0.25f, -0.4f, 0.45f, -1.21f};
        close(run1("Det", 22, in(Tensor.of(m, 2, 3, 3))), new float[] {-2.580972f, -0.295113f}, 2);
        close(run1("Det", 11, in(Tensor.of(new float[] {1, 2, 2, 4}, 2, 2))), new float[] {0f});
    }

    @Test
    void compressAlongAxisAndFlattened() {
        Tensor x = Tensor.of(new long[] {1, 2, 3, 4, 5, 6}, 3, 2);
        Tensor c = Tensor.of(new boolean[] {false, true, true}, 3);
        Tensor r = run1("Compress", 11, in(x, c), i("axis", 0));
        assertThat(r.shape()).containsExactly(2, 2);
        assertThat(r.longs()).containsExactly(3, 4, 5, 6);
        assertThat(run1("Compress", 11, in(x, Tensor.of(new boolean[] {true, false}, 2)), i("axis", -1)).longs()).containsExactly(1, 3, 5);
        assertThat(run1("Compress", 9, in(x, Tensor.of(new boolean[] {false, true, false, false, true}, 5))).longs()).containsExactly(2, 5);
    }

    @Test
    void eyeLikeWithDtypeAndOffset() {
        Tensor r = run1("EyeLike", 22, in(Tensor.zeros(DType.INT32, 2, 3)), i("k", 1), i("dtype", 1));
        assertThat(r.dtype()).isEqualTo(DType.FLOAT);
        assertThat(r.floats()).containsExactly(0, 1, 0, 0, 0, 1);
        assertThat(run1("EyeLike", 9, in(Tensor.zeros(DType.INT64, 3, 2)), i("k", -1)).longs()).containsExactly(0, 0, 1, 0, 0, 1);
    }

    @Test
    void reverseSequenceOnBothAxes() {
        Tensor x = Tensor.of(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 4, 3);
        assertThat(run1("ReverseSequence", 10, in(x, Tensor.of(new long[] {4, 1, 2}, 3))).floats())
                .containsExactly(9, 1, 5, 6, 4, 2, 3, 7, 8, 0, 10, 11);
        Tensor y = Tensor.of(new float[] {0, 1, 2, 3, 4, 5, 6, 7}, 2, 4);
        assertThat(run1("ReverseSequence", 10, in(y, Tensor.of(new long[] {3, 4}, 2)), i("time_axis", 1), i("batch_axis", 0)).floats())
                .containsExactly(2, 1, 0, 3, 7, 6, 5, 4);
    }

    @Test
    void uniqueSortedUnsortedAndAlongAxis() {
        Tensor x = Tensor.of(new float[] {2, 1, 1, 3, 4, 3}, 6);
        List<Tensor> s = run("Unique", 11, 4, in(x));
        assertThat(s.get(0).floats()).containsExactly(1, 2, 3, 4);
        assertThat(s.get(1).longs()).containsExactly(1, 0, 3, 4);
        assertThat(s.get(2).longs()).containsExactly(1, 0, 0, 2, 3, 2);
        assertThat(s.get(3).longs()).containsExactly(2, 1, 2, 1);
        List<Tensor> u = run("Unique", 11, 4, in(x), i("sorted", 0));
        assertThat(u.get(0).floats()).containsExactly(2, 1, 3, 4);
        assertThat(u.get(2).longs()).containsExactly(0, 1, 1, 2, 3, 2);
        Tensor m = Tensor.of(new long[] {1, 0, 0, 1, 0, 0, 2, 3, 4}, 3, 3);
        List<Tensor> a = run("Unique", 11, 4, in(m), i("axis", 0));
        assertThat(a.get(0).shape()).containsExactly(2, 3);
        assertThat(a.get(0).longs()).containsExactly(1, 0, 0, 2, 3, 4);
        assertThat(a.get(3).longs()).containsExactly(2, 1);
        Tensor str = Tensor.of(new String[] {"b", "a", "b"}, 3);
        assertThat(run1("Unique", 11, in(str)).strings()).containsExactly("a", "b");
    }

    @Test
    void swishAndSwiGlu() {
        Tensor x = Tensor.of(new float[] {-1, 0, 2}, 3);
        close(run1("Swish", 24, in(x), f("alpha", 0.5f)), new float[] {(float) (-1 / (1 + Math.exp(0.5))), 0f, (float) (2 / (1 + Math.exp(-1)))}, 3);
        Tensor b = Tensor.of(new float[] {2}, 1);
        close(run1("SwiGLU", 28, in(x, b)), new float[] {(float) (-2 / (1 + Math.exp(1))), 0f, (float) (4 / (1 + Math.exp(-2)))}, 3);
    }

    @Test
    void rotaryEmbeddingHalvesAndInterleaved() {
        // one batch, one head, one step, head size 4; cos = [c0, c1], sin = [s0, s1] through position id 1
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 1, 4);
        Tensor cos = Tensor.of(new float[] {1, 1, 0.5f, 0f}, 2, 2), sin = Tensor.of(new float[] {0, 0, 0.5f, 1f}, 2, 2);
        Tensor pos = Tensor.of(new long[] {1}, 1, 1);
        // halves: x1 = (1,2), x2 = (3,4)
        close(run1("RotaryEmbedding", 23, in(x, cos, sin, pos)), new float[] {0.5f - 1.5f, -4f, 0.5f + 1.5f, 2f}, 1, 1, 1, 4);
        // interleaved: pairs (1,2), (3,4)
        close(run1("RotaryEmbedding", 23, in(x, cos, sin, pos), i("interleaved", 1)), new float[] {-0.5f, 1.5f, -4f, 3f}, 1, 1, 1, 4);
        // 3-D input with num_heads and a partial rotary dim: only the first two features of each head rotate
        Tensor x3 = Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 4);
        Tensor c1 = Tensor.of(new float[] {0f}, 1, 1, 1), s1 = Tensor.of(new float[] {1f}, 1, 1, 1);
        close(run1("RotaryEmbedding", 23, in(x3, c1, s1), i("num_heads", 2), i("rotary_embedding_dim", 2)),
                new float[] {-2f, 1f, -4f, 3f}, 1, 1, 4);
        assertThatThrownBy(() -> run1("RotaryEmbedding", 23, in(x3, c1, s1))).hasMessageContaining("num_heads");
    }
}
