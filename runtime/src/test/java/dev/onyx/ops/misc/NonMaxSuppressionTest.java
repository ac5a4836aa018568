package dev.onyx.ops.misc;

import dev.onyx.ir.Attribute;
import dev.onyx.ops.Op;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static dev.onyx.ops.misc.Harness.*;
import static org.assertj.core.api.Assertions.assertThat;

class NonMaxSuppressionTest {
    // ONNX's suppress_by_IOU case: six boxes, two clusters
    private static final float[] BOXES = {
        0, 0, 1, 1, 0, 0.1f, 1, 1.1f, 0, -0.1f, 1, 0.9f, 0, 10, 1, 11, 0, 10.1f, 1, 11.1f, 0, 100, 1, 101};
    private static final float[] SCORES = {0.9f, 0.75f, 0.6f, 0.95f, 0.5f, 0.3f};

    @Test
    void suppressesByIouAndLimitsOutput() {
        Op op = op("NonMaxSuppression", 11, 5);
        Tensor y = run1(op, Tensor.of(BOXES, 1, 6, 4), Tensor.of(SCORES, 1, 1, 6), Tensor.of(new long[] {3}, 1),
                Tensor.of(new float[] {0.5f}, 1), Tensor.of(new float[] {0f}, 1));
        assertThat(y.shape()).containsExactly(3, 3);
        assertThat(y.longs()).containsExactly(0, 0, 3, 0, 0, 0, 0, 0, 5);
        Tensor two = run1(op, Tensor.of(BOXES, 1, 6, 4), Tensor.of(SCORES, 1, 1, 6), Tensor.of(new long[] {2}, 1),
                Tensor.of(new float[] {0.5f}, 1), Tensor.of(new float[] {0f}, 1));
        assertThat(two.longs()).containsExactly(0, 0, 3, 0, 0, 0);
    }

    @Test
    void scoreThresholdAndCenterFormat() {
        float[] centers = {0.5f, 0.5f, 1, 1, 0.5f, 0.6f, 1, 1, 0.5f, 0.4f, 1, 1, 0.5f, 10.5f, 1, 1, 0.5f, 10.6f, 1, 1, 0.5f, 100.5f, 1, 1};
        Op op = op("NonMaxSuppression", 10, 5, Attribute.ofInt("center_point_box", 1));
        Tensor y = run1(op, Tensor.of(centers, 1, 6, 4), Tensor.of(SCORES, 1, 1, 6), Tensor.of(new long[] {3}, 1),
                Tensor.of(new float[] {0.5f}, 1), Tensor.of(new float[] {0.4f}, 1));
        assertThat(y.longs()).containsExactly(0, 0, 3, 0, 0, 0);
    }

    @Test
    void noMaxOutputMeansNoBoxes() {
        Tensor y = run1(op("NonMaxSuppression", 11, 2), Tensor.of(BOXES, 1, 6, 4), Tensor.of(SCORES, 1, 1, 6));
        assertThat(y.shape()).containsExactly(0, 3);
    }
}
