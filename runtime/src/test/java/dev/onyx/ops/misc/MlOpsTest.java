package dev.onyx.ops.misc;

import dev.onyx.ir.Attribute;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static dev.onyx.ops.misc.Harness.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MlOpsTest {
    private static Op ml(String type, int opset, int inputs, Attribute... a) {
        return op(MiscOps.ML, type, opset, inputs, 1, a);
    }

    @Test
    void labelEncoderV1BothDirections() {
        Op op = ml("LabelEncoder", 1, 1, strings("classes_strings", "a", "b"), Attribute.ofInt("default_int64", 9));
        assertThat(run1(op, Tensor.of(new String[] {"b", "a", "z"}, 3)).longs()).containsExactly(1, 0, 9);
        assertThat(run1(op, Tensor.of(new long[] {1, 5}, 2)).strings()).containsExactly("b", "_Unused");
    }

    @Test
    void labelEncoderV2FloatsToStrings() {
        Op op = ml("LabelEncoder", 2, 1, floats("keys_floats", 0f, 1.5f, Float.NaN), strings("values_strings", "zero", "one", "nan"));
        Tensor y = run1(op, Tensor.of(new float[] {-0f, 1.5f, Float.NaN, 2f}, 2, 2));
        assertThat(y.shape()).containsExactly(2, 2);
        assertThat(y.strings()).containsExactly("zero", "one", "nan", "_Unused");
        Op s2f = ml("LabelEncoder", 2, 1, strings("keys_strings", "a"), floats("values_floats", 2.5f));
        assertThat(run1(s2f, Tensor.of(new String[] {"a", "b"}, 2)).floats()).containsExactly(2.5f, -0f);
    }

    @Test
    void labelEncoderV4Tensors() {
        Op op = ml("LabelEncoder", 4, 1, Attribute.ofTensor("keys_tensor", Tensor.of(new long[] {3, 4}, 2)),
                Attribute.ofTensor("values_tensor", Tensor.ofShorts(DType.INT16, new short[] {30, 40}, 2)),
                Attribute.ofTensor("default_tensor", Tensor.ofShorts(DType.INT16, new short[] {-7}, 1)));
        Tensor y = run1(op, Tensor.of(new long[] {4, 3, 5}, 3));
        assertThat(y.dtype()).isEqualTo(DType.INT16);
        assertThat(y.shorts()).containsExactly((short) 40, (short) 30, (short) -7);
        assertThatThrownBy(() -> ml("LabelEncoder", 2, 1, strings("keys_strings", "a", "b"), ints("values_int64s", 1)))
                .hasMessageContaining("2 keys but 1 values");
    }

    @Test
    void binarizerAndArrayFeatureExtractor() {
        Tensor b = run1(ml("Binarizer", 1, 1, Attribute.ofFloat("threshold", 1f)), Tensor.of(new double[] {0.5, 1, 1.5}, 3));
        assertThat(b.doubles()).containsExactly(0, 0, 1);
        Op afe = ml("ArrayFeatureExtractor", 1, 2);
        Tensor x = Tensor.of(new float[] {0, 1, 2, 3, 4, 5}, 2, 3);
        Tensor y = run1(afe, x, Tensor.of(new long[] {2, 0}, 2));
        assertThat(y.shape()).containsExactly(2, 2);
        assertThat(y.floats()).containsExactly(2, 0, 5, 3);
        Tensor one = run1(afe, Tensor.of(new String[] {"a", "b", "c"}, 3), Tensor.of(new long[] {1}, 1));
        assertThat(one.shape()).containsExactly(1, 1);
        assertThat(one.strings()).containsExactly("b");
        assertThatThrownBy(() -> run1(afe, x, Tensor.of(new long[] {3}, 1))).hasMessageContaining("out of range");
    }
}
