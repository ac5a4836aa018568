package dev.onyx.ops.seq;

import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.onyx.ops.seq.SeqTesting.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LossTest {
    private static final float[] X = {-0.5f, -1.64f, 0.64f, 1.73f, -1.17f, 0.52f, -0.81f, 0.97f, 0.89f, -1.13f, 1.32f, 0.63f};
    private static final Tensor X3 = Tensor.of(X, 2, 3, 2);
    private static final Tensor T_II = Tensor.of(new long[] {0, 2, 1, -1}, 2, 2);
    private static final Tensor T = Tensor.of(new long[] {0, 2, 1, 1}, 2, 2);
    private static final Tensor W = Tensor.of(new float[] {0.5f, 1f, 2f}, 3);

    @Test
    void nllMeanWithWeightsAndIgnoreIndex() {
        close(run1("NegativeLogLikelihoodLoss", 13, in(X3, T_II, W), i("ignore_index", -1)), new float[] {-0.48f});
        close(run1("NegativeLogLikelihoodLoss", 22, in(X3, T), s("reduction", "sum")), new float[] {0.22f});
        close(run1("NegativeLogLikelihoodLoss", 12, in(X3, T_II), s("reduction", "none"), i("ignore_index", -1)),
                new float[] {0.5f, -0.52f, -0.89f, 0f}, 2, 2);
    }

    @Test
    void softmaxCrossEntropyWithLogProb() {
        List<Tensor> out = run("SoftmaxCrossEntropyLoss", 13, 2, in(X3, T_II), s("reduction", "none"), i("ignore_index", -1));
        close(out.get(0), new float[] {1.53438607f, 1.4971221f, 1.00061021f, 0f}, 2, 2);
        close(out.get(1), new float[] {-1.53438607f, -3.6571221f, -0.394386067f, -0.287122103f, -2.20438607f, -1.4971221f,
                -2.70061021f, -0.606623004f, -1.00061021f, -2.706623f, -0.570610206f, -0.946623004f}, 2, 3, 2);
        close(run1("SoftmaxCrossEntropyLoss", 12, in(X3, T, W)), new float[] {1.6597045f});
    }

    @Test
    void rejectsBadTargetsAndReductions() {
        assertThatThrownBy(() -> run1("NegativeLogLikelihoodLoss", 13, in(X3, T_II)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("class -1");
        assertThatThrownBy(() -> create("SoftmaxCrossEntropyLoss", 13, in(X3, T), 1, s("reduction", "max")))
                .hasMessageContaining("reduction");
        assertThat(create("SoftmaxCrossEntropyLoss", 13, in(X3, T), 2).infer(List.of(
                dev.onyx.ir.Fact.of(dev.onyx.tensor.DType.FLOAT, 2, 3, 2), dev.onyx.ir.Fact.of(dev.onyx.tensor.DType.INT64, 2, 2)))
                .get(1).describe()).isEqualTo("float32 [2,3,2]");
    }
}
