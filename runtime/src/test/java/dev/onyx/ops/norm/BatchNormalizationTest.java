package dev.onyx.ops.norm;

import dev.onyx.InvalidModelException;
import dev.onyx.ir.Attribute;
import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.onyx.ops.norm.NormTesting.assertClose;
import static dev.onyx.ops.norm.NormTesting.ints;
import static dev.onyx.ops.norm.NormTesting.op;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchNormalizationTest {
    // x [2, 2, 2]: channel 0 holds 1, 2, 5, 6 and channel 1 holds 3, 4, 7, 8
    private static final Tensor X = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 2, 2, 2);
    private static final Tensor S = Tensor.of(new float[] {1, 2}, 2);
    private static final Tensor B = Tensor.of(new float[] {0, 1}, 2);
    private static final Tensor M = Tensor.of(new float[] {0, 1}, 2);
    private static final Tensor V = Tensor.of(new float[] {1, 1}, 2);
    private static final float[] TRAIN_Y = {-1.2126767f, -0.727606f, -1.4253534f, -0.45521204f,
            0.727606f, 1.2126767f, 2.455212f, 3.4253533f};

    private static List<Tensor> run(Op op, Tensor x, Tensor s, Tensor b, Tensor m, Tensor v) {
        return op.run(List.of(x, s, b, m, v));
    }

    @Test
    void inferenceMode() {
        Tensor y = run(op("BatchNormalization", 15, 5, 1), X, S, B, M, V).get(0);
        float k = (float) (1 / Math.sqrt(1 + 1e-5));
        assertClose(y, new float[] {k, 2 * k, 2 * 2 * k + 1, 2 * 3 * k + 1, 5 * k, 6 * k, 2 * 6 * k + 1, 2 * 7 * k + 1}, 2, 2, 2);
    }

    @Test
    void trainingModeOpset14() {
        List<Tensor> out = run(op("BatchNormalization", 14, 5, 3, Attribute.ofInt("training_mode", 1)), X, S, B, M, V);
        assertClose(out.get(0), TRAIN_Y, 2, 2, 2);
        assertClose(out.get(1), new float[] {0.35f, 1.45f}, 2);
        assertClose(out.get(2), new float[] {1.325f, 1.325f}, 2);
    }

    @Test
    void legacyTrainingOutputsOpset7And6() {
        List<Tensor> out = run(op("BatchNormalization", 7, 5, 5, Attribute.ofFloat("momentum", 0.9f)), X, S, B, M, V);
        assertThat(out).hasSize(5);
        assertClose(out.get(0), TRAIN_Y, 2, 2, 2);
        assertClose(out.get(1), new float[] {0.35f, 1.45f}, 2);
        assertClose(out.get(2), new float[] {1.325f, 1.325f}, 2);
        assertClose(out.get(3), new float[] {3.5f, 5.5f}, 2);
        assertClose(out.get(4), new float[] {4.25f, 4.25f}, 2);
        // opset 6 with is_test=1: inference even with statistics outputs wired
        List<Tensor> test = run(op("BatchNormalization", 6, 5, 5, Attribute.ofInt("is_test", 1)), X, S, B, M, V);
        assertThat(test).hasSize(1);
        assertThat(test.get(0).getDouble(0)).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-4));
        // opset 1 accepts consumed_inputs
        Op v1 = op("BatchNormalization", 1, 5, 1, ints("consumed_inputs", 0, 0, 0, 1, 1), Attribute.ofInt("is_test", 1));
        assertThat(run(v1, X, S, B, M, V).get(0).getDouble(0)).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void perActivationParametersWithSpatial0() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, 2, 2, 2);
        Tensor s = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
        Tensor b = Tensor.of(new double[] {0.5, 0, 0, -1}, 2, 2);
        Tensor m = Tensor.of(new double[] {1, 1, 2, 2}, 2, 2);
        Tensor v = Tensor.of(new double[] {1, 4, 0.25, 1}, 2, 2);
        Tensor y = run(op("BatchNormalization", 7, 5, 1, Attribute.ofInt("spatial", 0)), x, s, b, m, v).get(0);
        assertThat(y.dtype()).isEqualTo(DType.DOUBLE);
        assertThat(y.doubles()).usingComparatorWithPrecision(1e-9).containsExactly(0.5, 0.9999987500023437, 5.99988000359988,
                6.999960000299998, 4.499980000149999, 4.999993750011718, 29.999400017999395, 22.999880000899992);
    }

    @Test
    void float16InputWithFloatParameters() {
        Tensor x = Tensor.fromDoubles(DType.FLOAT16, new int[] {1, 2, 1}, new double[] {3, 5});
        Tensor y = run(op("BatchNormalization", 15, 5, 1), x, S, B, M, V).get(0);
        assertThat(y.dtype()).isEqualTo(DType.FLOAT16);
        assertThat(y.getDouble(0)).isCloseTo(3, org.assertj.core.data.Offset.offset(1e-2));
        assertThat(y.getDouble(1)).isCloseTo(9, org.assertj.core.data.Offset.offset(1e-2));
    }

    @Test
    void checksShapesAndAttributes() {
        Op op = op("BatchNormalization", 15, 5, 1);
        assertThatThrownBy(() -> run(op, X, Tensor.of(new float[] {1, 2, 3}, 3), B, M, V))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 2 values");
        assertThatThrownBy(() -> op("BatchNormalization", 15, 5, 3)).isInstanceOf(InvalidModelException.class);
        assertThatThrownBy(() -> op("BatchNormalization", 15, 5, 1, Attribute.ofInt("training_mode", 2)))
                .isInstanceOf(InvalidModelException.class);
        List<Fact> f = op("BatchNormalization", 14, 5, 3, Attribute.ofInt("training_mode", 1)).infer(List.of(
                Fact.of(DType.FLOAT, List.of(Dim.symbol("n"), Dim.of(2), Dim.of(5))), Fact.of(DType.FLOAT, 2),
                Fact.of(DType.FLOAT, 2), Fact.of(DType.FLOAT, 2), Fact.of(DType.FLOAT, 2)));
        assertThat(f).hasSize(3);
        assertThat(f.get(0).dims()).containsExactly(Dim.symbol("n"), Dim.of(2), Dim.of(5));
        assertThat(f.get(1).staticShape()).containsExactly(2);
    }
}
