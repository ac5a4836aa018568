package dev.onyx.ops.seq;

import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.onyx.ops.seq.SeqTesting.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AttentionTest {
    private static final Tensor Q = Tensor.of(new float[] {1, 0, 0.5f, -1}, 1, 1, 2, 2);
    private static final Tensor K = Tensor.of(new float[] {1, 0, 0, 1, 1, 1}, 1, 1, 3, 2);
    private static final Tensor V = Tensor.of(new float[] {1, 2, 3, 4, -1, 0}, 1, 1, 3, 2);

    @Test
    void plainAndCausal() {
        close(run1("Attention", 23, in(Q, K, V)), new float[] {0.59332744f, 1.59332744f, 0.84032854f, 1.84032854f}, 1, 1, 2, 2);
        close(run1("Attention", 23, in(Q, K, V), i("is_causal", 1)), new float[] {1f, 2f, 1.51436663f, 2.51436663f}, 1, 1, 2, 2);
    }

    @Test
    void shortBoolMaskPadsAndFullyMaskedRowsGiveZeros() {
        Tensor mask = Tensor.of(new boolean[] {true, false, false, false}, 2, 2);
        List<Tensor> out = run("Attention", 24, 4, in(Q, K, V, mask), i("qk_matmul_output_mode", 3));
        close(out.get(0), new float[] {1, 2, 0, 0}, 1, 1, 2, 2);
        close(out.get(3), new float[] {1, 0, 0, 0, 0, 0}, 1, 1, 2, 3);
        close(out.get(1), new float[] {1, 0, 0, 1, 1, 1}, 1, 1, 3, 2);
    }

    @Test
    void pastKeysExtendThePresentAndThreeDInputsSplitHeads() {
        // the past holds the first key/value; the present appends the other two: same result as the plain case
        Tensor pk = Tensor.of(new float[] {1, 0}, 1, 1, 1, 2), pv = Tensor.of(new float[] {1, 2}, 1, 1, 1, 2);
        Tensor k2 = Tensor.of(new float[] {0, 1, 1, 1}, 1, 1, 2, 2), v2 = Tensor.of(new float[] {3, 4, -1, 0}, 1, 1, 2, 2);
        List<Tensor> out = run("Attention", 23, 3, in(Q, k2, v2, null, pk, pv));
        close(out.get(0), new float[] {0.59332744f, 1.59332744f, 0.84032854f, 1.84032854f}, 1, 1, 2, 2);
        close(out.get(2), new float[] {1, 2, 3, 4, -1, 0}, 1, 1, 3, 2);
        // 3-D: two query heads sharing one kv head (GQA), each head equal to Q
        Tensor q3 = Tensor.of(new float[] {1, 0, 1, 0, 0.5f, -1, 0.5f, -1}, 1, 2, 4);
        Tensor k3 = Tensor.of(new float[] {1, 0, 0, 1, 1, 1}, 1, 3, 2), v3 = Tensor.of(new float[] {1, 2, 3, 4, -1, 0}, 1, 3, 2);
        close(run1("Attention", 23, in(q3, k3, v3), i("q_num_heads", 2), i("kv_num_heads", 1)),
                new float[] {0.59332744f, 1.59332744f, 0.59332744f, 1.59332744f, 0.84032854f, 1.84032854f, 0.84032854f, 1.84032854f}, 1, 2, 4);
        assertThatThrownBy(() -> run1("Attention", 23, in(q3, k3, v3))).hasMessageContaining("q_num_heads");
    }

    @Test
    void scaleSoftcapAndRawScores() {
        List<Tensor> out = run("Attention", 23, 4, in(Q, K, V), f("scale", 1f), f("softcap", 0.5f), i("qk_matmul_output_mode", 1));
        float t = (float) (0.5 * Math.tanh(2));
        assertThat(out.get(3).getDouble(0)).isCloseTo(t, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(out.get(3).getDouble(1)).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-6));
    }
}
