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

class ArithmeticTest {
    @Test
    void integerDivTruncatesTowardZero() {
        Tensor y = run("Div", vec(DType.INT32, -7, 7, -7, 7), vec(DType.INT32, 2, -2, -2, 2));
        assertThat(y.ints()).containsExactly(-3, -3, 3, 3);
    }

    @Test
    void integerDivByZeroIsAnError() {
        assertThatThrownBy(() -> run("Div", vec(DType.INT64, 1), vec(DType.INT64, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("division by zero");
    }

    @Test
    void narrowIntegersWrapAround() {
        assertThat(run("Add", vec(DType.INT8, 127, -128), vec(DType.INT8, 1, -1)).bytes()).containsExactly((byte) -128, (byte) 127);
        assertThat(run("Sub", vec(DType.UINT8, 0), vec(DType.UINT8, 1)).bytes()).containsExactly((byte) 255);
        assertThat(run("Mul", vec(DType.UINT16, 300), vec(DType.UINT16, 300)).shorts()).containsExactly((short) (90000 & 0xffff));
    }

    @Test
    void unsigned64DivAndMaxAreUnsigned() {
        long big = -2L; // 2^64 - 2
        assertThat(run("Div", vec(DType.UINT64, big), vec(DType.UINT64, 2)).longs()).containsExactly(Long.MAX_VALUE);
        assertThat(run("Max", vec(DType.UINT64, big, 1), vec(DType.UINT64, 5, 3)).longs()).containsExactly(big, 3);
        assertThat(run("Min", vec(DType.UINT64, big, 1), vec(DType.UINT64, 5, 3)).longs()).containsExactly(5, 1);
    }

    @Test
    void modFollowsFmodAttribute() {
        Tensor a = vec(DType.INT32, -7, 7, -7, 7);
        Tensor b = vec(DType.INT32, 3, -3, -3, 3);
        assertThat(run("Mod", 13, List.of(), a, b).ints()).containsExactly(2, -2, -1, 1);
        assertThat(run("Mod", 13, List.of(Attribute.ofInt("fmod", 1)), a, b).ints()).containsExactly(-1, 1, -1, 1);
        Tensor fa = fvec(-7.5f, 7.5f);
        Tensor fb = fvec(2, 2);
        assertThat(run("Mod", 13, List.of(Attribute.ofInt("fmod", 1)), fa, fb).floats()).containsExactly(-1.5f, 1.5f);
        assertThat(run("Mod", 13, List.of(), fa, fb).floats()).containsExactly(0.5f, 1.5f);
    }

    @Test
    void bitShiftByWidthOrMoreGivesZero() {
        List<Attribute> left = List.of(Attribute.ofString("direction", "LEFT"));
        List<Attribute> right = List.of(Attribute.ofString("direction", "RIGHT"));
        assertThat(run("BitShift", 11, left, vec(DType.UINT8, 1, 1, 255), vec(DType.UINT8, 7, 8, 1)).bytes())
                .containsExactly((byte) 128, (byte) 0, (byte) 254);
        assertThat(run("BitShift", 11, right, vec(DType.UINT64, -1L, 16), vec(DType.UINT64, 63, 64)).longs())
                .containsExactly(1, 0);
        assertThatThrownBy(() -> run("BitShift", 11, left, vec(DType.INT32, 1), vec(DType.INT32, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("int32");
        assertThatThrownBy(() -> Ops.create("BitShift", 11, 2, Attribute.ofString("direction", "UP")))
                .hasMessageContaining("direction");
    }

    @Test
    void bitwiseOps() {
        Tensor a = vec(DType.INT16, 0b1100, -1);
        Tensor b = vec(DType.INT16, 0b1010, 5);
        assertThat(run("BitwiseAnd", a, b).shorts()).containsExactly((short) 0b1000, (short) 5);
        assertThat(run("BitwiseOr", a, b).shorts()).containsExactly((short) 0b1110, (short) -1);
        assertThat(run("BitwiseXor", a, b).shorts()).containsExactly((short) 0b0110, (short) -6);
        assertThat(run("BitwiseNot", vec(DType.UINT8, 0, 0x0f)).bytes()).containsExactly((byte) 0xff, (byte) 0xf0);
    }

    @Test
    void legacyBroadcastWithAxis() {
        List<Attribute> attrs = List.of(Attribute.ofInt("broadcast", 1), Attribute.ofInt("axis", 1));
        Tensor a = Tensor.of(new float[2 * 3 * 2], 2, 3, 2);
        Tensor b = Tensor.of(new float[] {10, 20, 30}, 3);
        Tensor y = run("Add", 6, attrs, a, b);
        assertThat(y.shape()).containsExactly(2, 3, 2);
        assertThat(y.floats()).containsExactly(10, 10, 20, 20, 30, 30, 10, 10, 20, 20, 30, 30);
        // without axis: trailing alignment
        Tensor c = Tensor.of(new float[] {1, 2}, 2);
        assertThat(run("Mul", 6, List.of(Attribute.ofInt("broadcast", 1)), Tensor.of(new float[] {1, 1, 1, 1}, 2, 2), c).floats())
                .containsExactly(1, 2, 1, 2);
        assertThatThrownBy(() -> run("Sub", 1, List.of(Attribute.ofInt("broadcast", 1), Attribute.ofInt("axis", 3)), a, b))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("broadcast axis 3");
    }

    @Test
    void mixedTypesAreRejected() {
        assertThatThrownBy(() -> run("Add", fvec(1), vec(DType.INT64, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("float32 and int64");
    }

    @Test
    void float16AndBfloat16ComputeThroughFloat() {
        Tensor a = Tensor.ofShorts(DType.FLOAT16, new short[] {Float.floatToFloat16(1.5f), Float.floatToFloat16(-2f)}, 2);
        Tensor b = Tensor.ofShorts(DType.FLOAT16, new short[] {Float.floatToFloat16(0.25f)}, 1);
        Tensor y = run("Add", a, b);
        assertThat(y.dtype()).isEqualTo(DType.FLOAT16);
        assertThat(y.getDouble(0)).isEqualTo(1.75);
        assertThat(y.getDouble(1)).isEqualTo(-1.75);
        Tensor c = Tensor.ofShorts(DType.BFLOAT16, new short[] {Tensor.floatToBfloat16(3f)}, 1);
        assertThat(run("Mul", c, c).getDouble(0)).isEqualTo(9.0);
    }

    @Test
    void powCoversIntegerAndMixedTypes() {
        assertThat(run("Pow", vec(DType.INT64, 2, -3, 2, 1, -1), vec(DType.INT64, 10, 3, -1, -5, -3)).longs())
                .containsExactly(1024, -27, 0, 1, -1);
        assertThat(run("Pow", vec(DType.INT32, 2, 9), fvec(0.5f, 0.5f)).ints()).containsExactly(1, 3);
        assertThat(run("Pow", fvec(2, 3), vec(DType.INT64, 3, 2)).floats()).containsExactly(8, 9);
        assertThat(run("Pow", fvec(-3, 1.5f), Tensor.scalar(2f)).floats()).containsExactly(9, 2.25f);
        assertThat(run("Pow", Tensor.of(new double[] {4}, 1), Tensor.of(new double[] {-0.5}, 1)).doubles()).containsExactly(0.5);
        // legacy broadcast with axis
        List<Attribute> attrs = List.of(Attribute.ofInt("broadcast", 1), Attribute.ofInt("axis", 0));
        assertThat(run("Pow", 1, attrs, Tensor.of(new float[] {2, 2, 3, 3}, 2, 2), fvec(2, 3)).floats())
                .containsExactly(4, 4, 27, 27);
    }

    @Test
    void preluBroadcastsSlopeToInputOnly() {
        Tensor x = Tensor.of(new float[] {-1, 2, -3, 4}, 2, 2);
        assertThat(run("PRelu", x, Tensor.of(new float[] {0.5f, 0.25f}, 2, 1)).floats()).containsExactly(-0.5f, 2, -0.75f, 4);
        assertThat(run("PRelu", vec(DType.INT32, -4, 4), vec(DType.INT32, 2)).ints()).containsExactly(-8, 4);
        assertThatThrownBy(() -> run("PRelu", fvec(-1), fvec(1, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not broadcast to input shape");
    }

    @Test
    void preluBeforeOpset7AppliesA1dSlopePerChannel() {
        // X [1, 2, 3], slope [2]: per channel (axis 1) at opset 6, numpy (last axis, so an error here) from 7
        Tensor x = Tensor.of(new float[] {-1, -2, 3, -4, 5, -6}, 1, 2, 3);
        Tensor slope = Tensor.of(new float[] {0.5f, 0.25f}, 2);
        assertThat(run("PRelu", 6, List.of(), x, slope).floats()).containsExactly(-0.5f, -1, 3, -1, 5, -1.5f);
        assertThat(run("PRelu", 6, List.of(), x, Tensor.of(new float[] {0.5f}, 1)).floats()).containsExactly(-0.5f, -1, 3, -2, 5, -3);
        assertThatThrownBy(() -> run("PRelu", 7, List.of(), x, slope)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void variadicOpsBroadcastAllInputs() {
        Tensor a = Tensor.of(new float[] {1, 2, 3}, 3);
        Tensor b = Tensor.of(new float[] {10, 20}, 2, 1);
        Tensor c = Tensor.scalar(100f);
        Tensor sum = run("Sum", a, b, c);
        assertThat(sum.shape()).containsExactly(2, 3);
        assertThat(sum.floats()).containsExactly(111, 112, 113, 121, 122, 123);
        assertThat(run("Mean", a, b).floats()).containsExactly(5.5f, 6, 6.5f, 10.5f, 11, 11.5f);
        assertThat(run("Max", vec(DType.INT32, 1, 5), vec(DType.INT32, 3), vec(DType.INT32, 4, 0)).ints()).containsExactly(4, 5);
        assertThat(run("Min", fvec(1, Float.NaN)).floats()).containsExactly(1, Float.NaN);
        assertThat(run("Max", fvec(1, Float.NaN), fvec(2, 0)).floats()).containsExactly(2, Float.NaN);
        assertThatThrownBy(() -> run("Sum", vec(DType.INT32, 1))).hasMessageContaining("int32");
    }

    @Test
    void largeFloatAddMatchesNaiveForAllBroadcastForms() {
        java.util.Random r = new java.util.Random(1);
        float[] x = new float[2 * 16 * 9 * 9];
        for (int i = 0; i < x.length; i++) x[i] = r.nextFloat();
        float[] bias = new float[16];
        for (int i = 0; i < bias.length; i++) bias[i] = r.nextFloat();
        Tensor big = Tensor.of(x, 2, 16, 9, 9);
        Tensor y = run("Add", big, Tensor.of(bias, 1, 16, 1, 1));
        float[] got = y.floats();
        for (int i = 0; i < x.length; i++) assertThat(got[i]).isEqualTo(x[i] + bias[(i / 81) % 16]);
        float[] same = run("Add", big, big).floats();
        for (int i = 0; i < x.length; i++) assertThat(same[i]).isEqualTo(x[i] + x[i]);
        float[] scalar = run("Sub", Tensor.scalar(1f), big).floats();
        for (int i = 0; i < x.length; i++) assertThat(scalar[i]).isEqualTo(1 - x[i]);
    }
}
