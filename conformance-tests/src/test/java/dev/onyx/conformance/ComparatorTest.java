package dev.onyx.conformance;

import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ComparatorTest {
    private static final Tolerance T = Tolerance.DEFAULT;

    @Test
    void equalFloatsPass() {
        Comparator.Result r = Comparator.compare("y", Tensor.of(new float[] {1, 2, 3}, 3), Tensor.of(new float[] {1, 2, 3}, 3), T);
        assertThat(r.ok()).isTrue();
        assertThat(r.worstIndex()).isEqualTo(-1);
        assertThat(r.maxAbs()).isZero();
    }

    @Test
    void withinRelativeTolerancePasses() {
        // 1000 * 1e-3 = 1: an error of 0.9 is fine, 1.1 is not
        assertThat(Comparator.compare("y", Tensor.of(new float[] {1000}, 1), Tensor.of(new float[] {1000.9f}, 1), T).ok()).isTrue();
        assertThat(Comparator.compare("y", Tensor.of(new float[] {1000}, 1), Tensor.of(new float[] {1001.1f}, 1), T).ok()).isFalse();
    }

    @Test
    void reportsWorstElementAndMaxErrors() {
        Tensor e = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
        Tensor a = Tensor.of(new float[] {1, 2.5f, 3, 3}, 2, 2);
        Comparator.Result r = Comparator.compare("out", e, a, T);
        assertThat(r.ok()).isFalse();
        assertThat(r.mismatches()).isEqualTo(2);
        assertThat(r.worstIndex()).isEqualTo(3);
        assertThat(r.expected()).isEqualTo("4.0");
        assertThat(r.actual()).isEqualTo("3.0");
        assertThat(r.maxAbs()).isEqualTo(1.0);
        assertThat(r.maxRel()).isCloseTo(0.25, within(1e-12));
        assertThat(r.message()).contains("output 'out'", "flat index 3", "expected 4.0", "actual 3.0", "max abs error 1.00", "max rel error 0.250");
    }

    @Test
    void nanEqualsNanButNotANumber() {
        Tensor e = Tensor.of(new double[] {Double.NaN, 1}, 2);
        assertThat(Comparator.compare("y", e, Tensor.of(new double[] {Double.NaN, 1}, 2), T).ok()).isTrue();
        Comparator.Result r = Comparator.compare("y", e, Tensor.of(new double[] {0, 1}, 2), T);
        assertThat(r.ok()).isFalse();
        assertThat(r.worstIndex()).isZero();
        assertThat(r.maxAbs()).isInfinite();
    }

    @Test
    void infinitiesMustMatchExactly() {
        Tensor e = Tensor.of(new float[] {Float.POSITIVE_INFINITY}, 1);
        assertThat(Comparator.compare("y", e, Tensor.of(new float[] {Float.POSITIVE_INFINITY}, 1), T).ok()).isTrue();
        assertThat(Comparator.compare("y", e, Tensor.of(new float[] {Float.NEGATIVE_INFINITY}, 1), T).ok()).isFalse();
        assertThat(Comparator.compare("y", e, Tensor.of(new float[] {Float.MAX_VALUE}, 1), T).ok()).isFalse();
    }

    @Test
    void integersAreExact() {
        Tensor e = Tensor.of(new long[] {1_000_000_000L, 5}, 2);
        Comparator.Result r = Comparator.compare("i", e, Tensor.of(new long[] {1_000_000_001L, 5}, 2), new Tolerance(1e-3, 1e-3));
        assertThat(r.ok()).isFalse();
        assertThat(r.worstIndex()).isZero();
        assertThat(r.expected()).isEqualTo("1000000000");
        assertThat(r.actual()).isEqualTo("1000000001");
        assertThat(r.maxAbs()).isEqualTo(1.0);
    }

    @Test
    void unsignedAndBoolValuesPrintAsSuch() {
        Tensor e = Tensor.ofBytes(DType.UINT8, new byte[] {(byte) 200}, 1);
        Comparator.Result r = Comparator.compare("u", e, Tensor.ofBytes(DType.UINT8, new byte[] {(byte) 201}, 1), T);
        assertThat(r.expected()).isEqualTo("200");
        Comparator.Result b = Comparator.compare("b", Tensor.of(new boolean[] {true, false}, 2), Tensor.of(new boolean[] {true, true}, 2), T);
        assertThat(b.ok()).isFalse();
        assertThat(b.worstIndex()).isEqualTo(1);
        assertThat(b.expected()).isEqualTo("false");
        assertThat(b.actual()).isEqualTo("true");
    }

    @Test
    void stringsAreExact() {
        Tensor e = Tensor.of(new String[] {"a", "b"}, 2);
        assertThat(Comparator.compare("s", e, Tensor.of(new String[] {"a", "b"}, 2), T).ok()).isTrue();
        Comparator.Result r = Comparator.compare("s", e, Tensor.of(new String[] {"a", "B"}, 2), T);
        assertThat(r.ok()).isFalse();
        assertThat(r.message()).contains("expected \"b\", actual \"B\"");
    }

    @Test
    void dtypeAndShapeMustMatch() {
        Tensor e = Tensor.of(new float[] {1, 2}, 2);
        Comparator.Result d = Comparator.compare("y", e, Tensor.of(new double[] {1, 2}, 2), T);
        assertThat(d.ok()).isFalse();
        assertThat(d.message()).contains("dtype differs", "float32", "float64");
        Comparator.Result s = Comparator.compare("y", e, Tensor.of(new float[] {1, 2}, 1, 2), T);
        assertThat(s.ok()).isFalse();
        assertThat(s.message()).contains("shape differs");
        assertThat(Comparator.compare("y", e, null, T).message()).contains("not produced");
    }

    @Test
    void float16ComparesDecodedValues() {
        short one = Float.floatToFloat16(1f), oneish = Float.floatToFloat16(1.0009766f);
        Tensor e = Tensor.ofShorts(DType.FLOAT16, new short[] {one}, 1);
        assertThat(Comparator.compare("h", e, Tensor.ofShorts(DType.FLOAT16, new short[] {oneish}, 1), T).ok()).isTrue();
        assertThat(Comparator.compare("h", e, Tensor.ofShorts(DType.FLOAT16, new short[] {Float.floatToFloat16(1.01f)}, 1), T).ok()).isFalse();
    }

    @Test
    void emptyTensorsMatch() {
        assertThat(Comparator.compare("y", Tensor.of(new float[0], 0, 3), Tensor.of(new float[0], 0, 3), T).ok()).isTrue();
    }

    @Test
    void toleranceTableGivesModelsLooserAtol() {
        assertThat(Tolerance.forCase("models", "resnet18_bn")).isEqualTo(Tolerance.MODELS);
        assertThat(Tolerance.forCase("onnx-1.12/node", "test_abs")).isEqualTo(Tolerance.DEFAULT);
        assertThat(Tolerance.MODELS.close(1, 1.002)).isFalse(); // allowed: 1e-4 + 1e-3 * 1
        assertThat(Tolerance.MODELS.close(0, 5e-5)).isTrue();
        assertThat(Tolerance.DEFAULT.close(0, 5e-5)).isFalse();
        assertThat(Tolerance.glob("test_*_old", "test_dropout_old")).isTrue();
        assertThat(Tolerance.glob("test_*_old", "test_dropout")).isFalse();
    }

    @Test
    void bfloat16OutputMatchesUint16ExpectedByBits() {
        short one = Tensor.floatToBfloat16(1f), two = Tensor.floatToBfloat16(2f);
        Tensor expected = Tensor.ofShorts(DType.UINT16, new short[] {one, two}, 2);
        assertThat(Comparator.compare("y", expected, Tensor.ofShorts(DType.BFLOAT16, new short[] {one, two}, 2), T).ok()).isTrue();
        assertThat(Comparator.compare("y", expected, Tensor.ofShorts(DType.BFLOAT16, new short[] {one, one}, 2), T).ok()).isFalse();
        // the other way round is still a dtype mismatch
        assertThat(Comparator.compare("y", Tensor.ofShorts(DType.BFLOAT16, new short[] {one}, 1),
                Tensor.ofShorts(DType.UINT16, new short[] {one}, 1), T).problem()).contains("dtype differs");
    }
}
