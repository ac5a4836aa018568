package dev.onyx.ops.elementwise;

import dev.onyx.ir.Attribute;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.onyx.ops.elementwise.Ops.fvec;
import static dev.onyx.ops.elementwise.Ops.run;
import static dev.onyx.ops.elementwise.Ops.vec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class UnaryTest {
    @Test
    void roundHalfToEven() {
        assertThat(run("Round", fvec(0.5f, 1.5f, 2.5f, -0.5f, -1.5f, 2.4f, -2.6f)).floats())
                .containsExactly(0f, 2f, 2f, -0f, -2f, 2f, -3f);
    }

    @Test
    void integerUnaryOps() {
        assertThat(run("Abs", vec(DType.INT8, -128, -5, 5)).bytes()).containsExactly((byte) -128, (byte) 5, (byte) 5);
        assertThat(run("Abs", vec(DType.UINT8, 200)).bytes()).containsExactly((byte) 200);
        assertThat(run("Neg", vec(DType.INT32, 3, Integer.MIN_VALUE)).ints()).containsExactly(-3, Integer.MIN_VALUE);
        assertThat(run("Sign", vec(DType.INT64, -9, 0, 4)).longs()).containsExactly(-1, 0, 1);
        assertThat(run("Sign", vec(DType.UINT64, -1L, 0)).longs()).containsExactly(1, 0);
        assertThat(run("Relu", vec(DType.INT32, -2, 3)).ints()).containsExactly(0, 3);
        assertThatThrownBy(() -> run("Neg", vec(DType.UINT32, 1))).hasMessageContaining("Neg does not support uint32");
        assertThatThrownBy(() -> run("Exp", vec(DType.INT32, 1))).hasMessageContaining("Exp does not support int32");
    }

    @Test
    void mathFunctionsOnDoubles() {
        Tensor x = Tensor.of(new double[] {0.5, 2}, 2);
        assertThat(run("Erf", x).doubles()[0]).isCloseTo(0.5204998778130465, within(1e-15));
        assertThat(run("Acosh", x).doubles()[1]).isCloseTo(1.3169578969248166, within(1e-15));
        assertThat(run("Asinh", x).doubles()[0]).isCloseTo(0.48121182505960347, within(1e-15));
        assertThat(run("Atanh", x).doubles()[0]).isCloseTo(0.5493061443340549, within(1e-15));
        assertThat(run("Reciprocal", x).doubles()).containsExactly(2, 0.5);
        assertThat(run("Sqrt", fvec(-1)).floats()[0]).isNaN();
    }

    @Test
    void activationsWithAttributes() {
        Tensor x = fvec(-2, -0.5f, 0, 0.5f, 3);
        assertThat(run("LeakyRelu", 16, List.of(Attribute.ofFloat("alpha", 0.1f)), x).floats())
                .containsExactly(-0.2f, -0.05f, 0, 0.5f, 3);
        assertThat(run("HardSigmoid", x).floats()).containsExactly(new float[] {0.1f, 0.4f, 0.5f, 0.6f, 1f}, within(1e-6f));
        assertThat(run("HardSwish", x).floats()).containsExactly(
                new float[] {-2 * (1 / 6f), -0.5f * (0.5f - 0.5f / 6), 0, 0.5f * (0.5f + 0.5f / 6), 3}, within(1e-6f));
        assertThat(run("ThresholdedRelu", 10, List.of(Attribute.ofFloat("alpha", 0.5f)), x).floats())
                .containsExactly(0, 0, 0, 0, 3);
        assertThat(run("Shrink", 9, List.of(Attribute.ofFloat("lambd", 1f), Attribute.ofFloat("bias", 0.5f)), x).floats())
                .containsExactly(-1.5f, 0, 0, 0, 2.5f);
        assertThat(run("Shrink", 9, List.of(Attribute.ofFloat("lambd", 1f), Attribute.ofFloat("bias", 1f)), vec(DType.INT32, -3, 1, 5)).ints())
                .containsExactly(-2, 0, 4);
        float[] elu = run("Elu", 6, List.of(Attribute.ofFloat("alpha", 2f)), x).floats();
        assertThat(elu[0]).isCloseTo((float) (2 * (Math.exp(-2) - 1)), within(1e-6f));
        assertThat(elu[4]).isEqualTo(3);
        float[] celu = run("Celu", 12, List.of(Attribute.ofFloat("alpha", 2f)), x).floats();
        assertThat(celu[0]).isCloseTo((float) (2 * (Math.exp(-1) - 1)), within(1e-6f));
        float[] sig = run("Sigmoid", fvec(-100, 0, 100)).floats();
        assertThat(sig[0]).isBetween(0f, 1e-40f);
        assertThat(sig[1]).isEqualTo(0.5f);
        assertThat(sig[2]).isEqualTo(1f);
        assertThat(run("Softplus", fvec(100)).floats()).containsExactly(100f);
        assertThat(run("Softsign", fvec(-3)).floats()).containsExactly(-0.75f);
        assertThat(run("Mish", fvec(1)).floats()[0]).isCloseTo(0.86509836f, within(1e-6f));
    }

    @Test
    void geluExactAndTanh() {
        Tensor x = fvec(-1, 0.5f, 2);
        float[] exact = run("Gelu", 20, List.of(), x).floats();
        float[] tanh = run("Gelu", 20, List.of(Attribute.ofString("approximate", "tanh")), x).floats();
        double[] wantExact = {-0.15865525393145707, 0.34573123063700656, 1.9544997361036416};
        double[] wantTanh = {-0.15880800939172324, 0.34571400982514394, 1.9545976940871754};
        for (int i = 0; i < 3; i++) {
            assertThat((double) exact[i]).isCloseTo(wantExact[i], within(1e-6));
            assertThat((double) tanh[i]).isCloseTo(wantTanh[i], within(1e-6));
        }
        assertThatThrownBy(() -> Ops.create("Gelu", 20, 1, Attribute.ofString("approximate", "fast")))
                .hasMessageContaining("approximate");
    }

    @Test
    void isNaNAndIsInfFlags() {
        Tensor x = fvec(Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1);
        assertThat(run("IsNaN", x).booleans()).containsExactly(true, false, false, false);
        assertThat(run("IsInf", x).booleans()).containsExactly(false, true, true, false);
        assertThat(run("IsInf", 20, List.of(Attribute.ofInt("detect_negative", 0)), x).booleans())
                .containsExactly(false, true, false, false);
        assertThat(run("IsInf", 20, List.of(Attribute.ofInt("detect_positive", 0)), x).booleans())
                .containsExactly(false, false, true, false);
    }

    @Test
    void clipAttributesAndInputs() {
        Tensor x = fvec(-5, 0.5f, 5);
        assertThat(run("Clip", 6, List.of(Attribute.ofFloat("min", -1), Attribute.ofFloat("max", 1)), x).floats())
                .containsExactly(-1, 0.5f, 1);
        assertThat(run("Clip", 6, List.of(Attribute.ofFloat("max", 0)), x).floats()).containsExactly(-5, 0, 0);
        assertThat(run("Clip", 13, List.of(), x, Tensor.scalar(0f)).floats()).containsExactly(0, 0.5f, 5);
        assertThat(run("Clip", 13, List.of(), x, null, Tensor.scalar(0f)).floats()).containsExactly(-5, 0, 0);
        assertThat(run("Clip", 13, List.of(), x, Tensor.scalar(2f), Tensor.scalar(1f)).floats()).containsExactly(1, 1, 1);
        assertThat(run("Clip", 13, List.of(), vec(DType.INT8, -128, 0, 127), null, Ops.of(DType.INT8, new int[0], 100)).bytes())
                .containsExactly((byte) -128, (byte) 0, (byte) 100);
        assertThat(run("Clip", 13, List.of(), vec(DType.UINT64, -1L, 3), Ops.of(DType.UINT64, new int[0], 5)).longs())
                .containsExactly(-1L, 5);
        assertThatThrownBy(() -> run("Clip", 13, List.of(), x, fvec(0, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scalar");
    }
}
