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
import static dev.onyx.ops.norm.NormTesting.op;
import static dev.onyx.ops.norm.NormTesting.run1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SoftmaxOpTest {
    private static Tensor ramp() {
        float[] v = new float[24];
        for (int i = 0; i < 24; i++) v[i] = i * 0.25f - 2;
        return Tensor.of(v, 2, 3, 4);
    }

    @Test
    void opset11CoercesTo2dAtDefaultAxis1() {
        Tensor y = run1(op("Softmax", 11, 1, 1), ramp());
        assertThat(y.shape()).containsExactly(2, 3, 4);
        assertThat(y.getDouble(0)).isCloseTo(0.014881709528573407, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(y.getDouble(5)).isCloseTo(0.05194227004804897, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(y.getDouble(23)).isCloseTo(0.23278910396288932, org.assertj.core.data.Offset.offset(1e-6));
        double rowSum = 0;
        for (int i = 0; i < 12; i++) rowSum += y.getDouble(i);
        assertThat(rowSum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
    }

    @Test
    void opset13NormalizesOnlyTheAxis() {
        Tensor y = run1(op("Softmax", 13, 1, 1, Attribute.ofInt("axis", 1)), ramp());
        assertClose(Tensor.of(new float[] {y.floats()[0], y.floats()[4]}, 2),
                new float[] {0.09003057317038046f, 0.24472847105479764f}, 2);
    }

    @Test
    void logSoftmaxOpset1AxisLastAndFloat64() {
        double[] v = new double[24];
        for (int i = 0; i < 24; i++) v[i] = i * 0.25 - 2;
        Tensor y = run1(op("LogSoftmax", 1, 1, 1, Attribute.ofInt("axis", 2)), Tensor.of(v, 2, 3, 4));
        assertThat(y.dtype()).isEqualTo(DType.DOUBLE);
        assertThat(Arrays.copyOf(y.doubles(), 4)).usingComparatorWithPrecision(1e-12).containsExactly(-1.8000164040589504, -1.5500164040589501, -1.3000164040589504, -1.0500164040589504);
    }

    @Test
    void largeValuesAreStable() {
        Tensor y = run1(op("Softmax", 13, 1, 1), Tensor.of(new float[] {1000, 1001, 1002}, 1, 3));
        assertClose(y, new float[] {0.09003057f, 0.24472847f, 0.66524096f}, 1, 3);
        Tensor l = run1(op("LogSoftmax", 13, 1, 1), Tensor.of(new float[] {1000, 1001, 1002}, 1, 3));
        assertClose(l, new float[] {-2.40760596f, -1.40760596f, -0.40760596f}, 1, 3);
    }

    @Test
    void float16ViaFloat() {
        Tensor x = Tensor.fromDoubles(DType.FLOAT16, new int[] {2}, new double[] {0, Math.log(3)});
        Tensor y = run1(op("Softmax", 13, 1, 1), x);
        assertThat(y.dtype()).isEqualTo(DType.FLOAT16);
        assertThat(y.getDouble(0)).isCloseTo(0.25, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(y.getDouble(1)).isCloseTo(0.75, org.assertj.core.data.Offset.offset(1e-3));
    }

    @Test
    void hardmaxPicksFirstMaximumAndCoercesBefore13() {
        Tensor x = Tensor.of(new float[] {1, 3, 3, 0, 5, 2}, 2, 3);
        assertThat(run1(op("Hardmax", 13, 1, 1), x).floats()).containsExactly(0, 1, 0, 0, 1, 0);
        // opset 11, axis 0: the whole tensor is one row
        assertThat(run1(op("Hardmax", 11, 1, 1, Attribute.ofInt("axis", 0)), x).floats()).containsExactly(0, 0, 0, 0, 1, 0);
    }

    @Test
    void inferKeepsSymbolicDimsAndRejectsIntegers() {
        Op op = op("Softmax", 13, 1, 1);
        Fact f = op.infer(List.of(Fact.of(DType.FLOAT, List.of(Dim.symbol("batch"), Dim.of(10))))).get(0);
        assertThat(f.dtype()).isEqualTo(DType.FLOAT);
        assertThat(f.dims()).containsExactly(Dim.symbol("batch"), Dim.of(10));
        assertThatThrownBy(() -> op.infer(List.of(Fact.of(DType.INT64, 3)))).isInstanceOf(InvalidModelException.class);
        assertThatThrownBy(() -> run1(op("Softmax", 13, 1, 1, Attribute.ofInt("axis", 2)), Tensor.of(new float[2], 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("axis 2");
    }
}
