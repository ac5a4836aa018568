package dev.onyx.ops.norm;

import dev.onyx.InvalidModelException;
import dev.onyx.ir.Attribute;
import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static dev.onyx.ops.norm.NormTesting.assertClose;
import static dev.onyx.ops.norm.NormTesting.ints;
import static dev.onyx.ops.norm.NormTesting.op;
import static dev.onyx.ops.norm.NormTesting.run1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NormalizationOpsTest {
    private static final Tensor X23 = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);

    @Test
    void layerNormalizationWithMeanAndInvStdDev() {
        List<Tensor> out = op("LayerNormalization", 17, 2, 3, Attribute.ofInt("axis", 0))
                .run(Arrays.asList(X23, Tensor.of(new float[] {1}, 1), null));
        assertClose(out.get(0), new float[] {-1.4638476f, -0.87830856f, -0.29276952f, 0.29276952f, 0.87830856f, 1.4638476f}, 2, 3);
        assertClose(out.get(1), new float[] {3.5f}, 1, 1);
        assertClose(out.get(2), new float[] {0.58553904f}, 1, 1);
    }

    @Test
    void layerNormalizationFloat64LastAxisWithBias() {
        Tensor x = Tensor.of(new double[] {1, 3, 10, 30}, 2, 2);
        List<Tensor> out = op("LayerNormalization", 17, 3, 1, Attribute.ofFloat("epsilon", 0))
                .run(List.of(x, Tensor.of(new double[] {2, 3}, 2), Tensor.of(new double[] {0, 1}, 2)));
        assertThat(out.get(0).dtype()).isEqualTo(DType.DOUBLE);
        assertThat(out.get(0).doubles()).usingComparatorWithPrecision(1e-9).containsExactly(-2, 4, -2, 4);
        Fact f = op("LayerNormalization", 17, 3, 3, Attribute.ofInt("axis", -2)).infer(List.of(
                Fact.of(DType.FLOAT16, List.of(Dim.symbol("b"), Dim.of(4), Dim.of(8))), Fact.of(DType.FLOAT16, 4, 8),
                Fact.of(DType.FLOAT16, 4, 8))).get(1);
        assertThat(f.dtype()).isEqualTo(DType.FLOAT);
        assertThat(f.dims()).containsExactly(Dim.symbol("b"), Dim.of(1), Dim.of(1));
        assertThatThrownBy(() -> op("LayerNormalization", 17, 2, 1, Attribute.ofInt("stash_type", 7)))
                .isInstanceOf(InvalidModelException.class);
    }

    @Test
    void rmsNormalization() {
        Tensor y = run1(op("RMSNormalization", 23, 2, 1), X23, Tensor.of(new float[] {1, 2, 0.5f}, 3));
        assertClose(y, new float[] {0.46290955f, 1.8516382f, 0.69436433f, 0.78954188f, 1.9738547f, 0.59215641f}, 2, 3);
    }

    @Test
    void instanceNormalizationOpset1AcceptsConsumedInputs() {
        Tensor x = Tensor.of(new float[] {1, 3, 10, 30}, 1, 2, 2);
        Tensor y = run1(op("InstanceNormalization", 1, 3, 1, ints("consumed_inputs", 0, 0, 0), Attribute.ofFloat("epsilon", 0)),
                x, Tensor.of(new float[] {1, 2}, 2), Tensor.of(new float[] {0, 5}, 2));
        assertClose(y, new float[] {-1, 1, 3, 7}, 1, 2, 2);
    }

    @Test
    void groupNormalizationOpset18PerGroupAndOpset21PerChannel() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 10, 20, 30, 40}, 1, 4, 2);
        Tensor y = run1(op("GroupNormalization", 18, 3, 1, Attribute.ofInt("num_groups", 2)), x,
                Tensor.of(new float[] {2, 3}, 2), Tensor.of(new float[] {1, -1}, 2));
        float[] expected = {-1.6832708f, 0.10557639f, 1.8944236f, 3.6832708f, -5.0249222f, -2.3416407f, 0.34164073f, 3.0249222f};
        assertClose(y, expected, 1, 4, 2);
        Tensor y21 = run1(op("GroupNormalization", 21, 3, 1, Attribute.ofInt("num_groups", 2)), x,
                Tensor.of(new float[] {2, 2, 3, 3}, 4), Tensor.of(new float[] {1, 1, -1, -1}, 4));
        assertClose(y21, expected, 1, 4, 2);
        assertThatThrownBy(() -> run1(op("GroupNormalization", 21, 3, 1, Attribute.ofInt("num_groups", 2)), x,
                Tensor.of(new float[] {2, 3}, 2), Tensor.of(new float[] {1, -1}, 2))).hasMessageContaining("expected 4 values");
        assertThatThrownBy(() -> run1(op("GroupNormalization", 21, 3, 1, Attribute.ofInt("num_groups", 3)), x,
                Tensor.of(new float[4], 4), Tensor.of(new float[4], 4))).hasMessageContaining("does not divide");
        assertThatThrownBy(() -> op("GroupNormalization", 18, 3, 1)).isInstanceOf(InvalidModelException.class);
    }

    @Test
    void lpNormalization() {
        Tensor x = Tensor.of(new float[] {3, -4, 0, 0}, 2, 2);
        assertClose(run1(op("LpNormalization", 1, 1, 1), x), new float[] {0.6f, -0.8f, 0, 0}, 2, 2);
        assertClose(run1(op("LpNormalization", 22, 1, 1, Attribute.ofInt("p", 1), Attribute.ofInt("axis", 0)), x),
                new float[] {1, -1, 0, 0}, 2, 2);
        assertThatThrownBy(() -> op("LpNormalization", 22, 1, 1, Attribute.ofInt("p", 3))).isInstanceOf(InvalidModelException.class);
    }

    @Test
    void meanVarianceNormalizationOverGivenAxes() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 6, 8}, 2, 3);
        assertClose(run1(op("MeanVarianceNormalization", 13, 1, 1, ints("axes", 1)), x),
                new float[] {-1.2247449f, 0, 1.2247449f, -1.2247449f, 0, 1.2247449f}, 2, 3);
    }

    @Test
    void lrnAcrossChannels() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 1, 4, 1);
        Tensor y = run1(op("LRN", 13, 1, 1, Attribute.ofInt("size", 3), Attribute.ofFloat("alpha", 0.5f),
                Attribute.ofFloat("beta", 0.5f), Attribute.ofFloat("bias", 2)), x);
        assertClose(y, new float[] {0.59408853f, 0.96076892f, 1.1476381f, 1.6107745f}, 1, 4, 1);
        assertThatThrownBy(() -> op("LRN", 13, 1, 1)).isInstanceOf(InvalidModelException.class);
    }

    @Test
    void normOpsRejectIntegerInputs() {
        Op op = op("InstanceNormalization", 6, 3, 1);
        assertThatThrownBy(() -> op.infer(List.of(Fact.of(DType.INT32, 1, 2, 2), Fact.of(DType.INT32, 2), Fact.of(DType.INT32, 2))))
                .isInstanceOf(InvalidModelException.class);
        assertThatThrownBy(() -> run1(op, Tensor.of(new int[4], 1, 2, 2), Tensor.of(new int[2], 2), Tensor.of(new int[2], 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("int32");
    }
}
