package dev.onyx.ops.elementwise;

import dev.onyx.UnsupportedModelException;
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

class CastTest {
    private static Tensor cast(Tensor x, DType to) {
        return run("Cast", 21, List.of(Attribute.ofInt("to", to.onnxCode())), x);
    }

    @Test
    void floatToIntegerTruncatesAndWraps() {
        assertThat(cast(fvec(2.9f, -2.9f, Float.NaN), DType.INT32).ints()).containsExactly(2, -2, 0);
        assertThat(cast(fvec(-1, 256.5f), DType.UINT8).bytes()).containsExactly((byte) 255, (byte) 0);
        assertThat(cast(Tensor.of(new double[] {1.8446744073709552E19 / 2 + 4096}, 1), DType.UINT64).longs())
                .containsExactly(Long.MIN_VALUE + 4096);
        assertThat(cast(fvec(0, -0.5f, Float.NaN), DType.BOOL).booleans()).containsExactly(false, true, true);
    }

    @Test
    void integerConversions() {
        assertThat(cast(vec(DType.INT32, -1, 300), DType.UINT8).bytes()).containsExactly((byte) 255, (byte) 44);
        assertThat(cast(vec(DType.UINT32, -1L), DType.INT64).longs()).containsExactly(4294967295L);
        assertThat(cast(vec(DType.UINT64, -1L), DType.DOUBLE).doubles()).containsExactly(1.8446744073709552E19);
        assertThat(cast(vec(DType.INT64, (1L << 24) + 1), DType.FLOAT).floats()).containsExactly(16777216f);
        assertThat(cast(Tensor.of(new boolean[] {true, false}, 2), DType.FLOAT).floats()).containsExactly(1, 0);
        assertThat(cast(vec(DType.INT8, 0, 7), DType.BOOL).booleans()).containsExactly(false, true);
    }

    @Test
    void sixteenBitFloats() {
        Tensor h = cast(fvec(1.0009765625f, 65520f, 1e-8f), DType.FLOAT16);
        assertThat(h.dtype()).isEqualTo(DType.FLOAT16);
        assertThat(h.getDouble(0)).isEqualTo(1.0009765625);
        assertThat(h.getDouble(1)).isInfinite();
        assertThat(h.getDouble(2)).isEqualTo(0);
        assertThat(cast(cast(fvec(0.1f, 3.14159f), DType.FLOAT16), DType.STRING).strings()).containsExactly("0.1", "3.14");
        // 1 + 2^-11 + 2^-30 lies just above the midpoint of two halfs: it must round up, not to even
        Tensor d = cast(Tensor.of(new double[] {1 + Math.pow(2, -11) + Math.pow(2, -30)}, 1), DType.FLOAT16);
        assertThat(d.getDouble(0)).isEqualTo(1 + Math.pow(2, -10));
        Tensor b = cast(h, DType.BFLOAT16);
        assertThat(b.getDouble(0)).isEqualTo(1.0);
        // out of range values (inf included) give the x86 "integer indefinite", as numpy does
        assertThat(cast(b, DType.INT32).ints()).containsExactly(1, Integer.MIN_VALUE, 0);
        assertThat(cast(b, DType.INT64).longs()).containsExactly(1, Long.MIN_VALUE, 0);
        assertThat(cast(fvec(3e9f), DType.UINT32).ints()).containsExactly((int) 3000000000L);
    }

    @Test
    void stringsFormatAndParseLikeNumpy() {
        Tensor f = fvec(0.1f, 1, 1e-5f, 1.5e20f, -0f, Float.NaN, Float.NEGATIVE_INFINITY, 123456.79f);
        assertThat(cast(f, DType.STRING).strings())
                .containsExactly("0.1", "1.0", "1e-05", "1.5e+20", "-0.0", "nan", "-inf", "123456.79");
        assertThat(cast(vec(DType.UINT64, -1L, 5), DType.STRING).strings()).containsExactly("18446744073709551615", "5");
        assertThat(cast(Tensor.of(new boolean[] {true}, 1), DType.STRING).strings()).containsExactly("True");
        Tensor s = Tensor.of(new String[] {"1.5", "+INF", "-inf", "NaN", " 2e3 "}, 5);
        float[] parsed = cast(s, DType.FLOAT).floats();
        assertThat(parsed).containsExactly(1.5f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 2000f);
        assertThat(cast(Tensor.of(new String[] {"-12", "7.9"}, 2), DType.INT8).bytes()).containsExactly((byte) -12, (byte) 7);
        assertThat(cast(Tensor.of(new String[] {"18446744073709551615"}, 1), DType.UINT64).longs()).containsExactly(-1L);
        assertThatThrownBy(() -> cast(Tensor.of(new String[] {"abc"}, 1), DType.FLOAT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'abc'");
    }

    @Test
    void opsetOneTakesTypeNames() {
        Tensor y = run("Cast", 1, List.of(Attribute.ofString("to", "INT64")), fvec(3.7f));
        assertThat(y.longs()).containsExactly(3);
        assertThatThrownBy(() -> Ops.create("Cast", 1, 1, Attribute.ofString("to", "COMPLEX")))
                .hasMessageContaining("COMPLEX");
    }

    @Test
    void unsupportedTargetTypesAreReported() {
        assertThatThrownBy(() -> Ops.create("Cast", 21, 1, Attribute.ofInt("to", 17)))
                .isInstanceOf(UnsupportedModelException.class).hasMessageContaining("float8e4m3fn");
        assertThatThrownBy(() -> Ops.create("Cast", 13, 1)).hasMessageContaining("'to'");
    }

    @Test
    void castLikeTakesTheSecondInputsType() {
        Tensor y = run("CastLike", fvec(1.5f, -2), Tensor.of(new double[0], 0));
        assertThat(y.doubles()).containsExactly(1.5, -2);
        assertThat(run("CastLike", fvec(1.5f), vec(DType.INT16)).shorts()).containsExactly((short) 1);
    }
}
