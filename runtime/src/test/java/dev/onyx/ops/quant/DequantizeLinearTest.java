package dev.onyx.ops.quant;

import dev.onyx.InvalidModelException;
import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static dev.onyx.ops.quant.QuantNodes.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DequantizeLinearTest {
    @Test
    void perTensorUint8Int8AndInt32() {
        Tensor y = run1(op("DequantizeLinear", 10, 3, 1), ints(DType.UINT8, new int[] {4}, 0, 3, 128, 255),
                Tensor.scalar(2f), scalar(DType.UINT8, 128));
        assertThat(y.floats()).containsExactly(-256, -250, 0, 254);
        Tensor s8 = run1(op("DequantizeLinear", 13, 2, 1), ints(DType.INT8, new int[] {2}, -128, 127), Tensor.scalar(0.5f));
        assertThat(s8.floats()).containsExactly(-64, 63.5f);
        Tensor i32 = run1(op("DequantizeLinear", 10, 2, 1), Tensor.of(new int[] {-1000000, 7}, 2), Tensor.scalar(0.25f));
        assertThat(i32.floats()).containsExactly(-250000, 1.75f);
    }

    @Test
    void int16Uint16PerAxisAndBlocked() {
        Tensor u16 = run1(op("DequantizeLinear", 21, 3, 1), ints(DType.UINT16, new int[] {2}, 0, 65535),
                Tensor.scalar(1f), scalar(DType.UINT16, 32767));
        assertThat(u16.floats()).containsExactly(-32767, 32768);
        // x [2, 3] per axis 0 with int16
        Tensor x = ints(DType.INT16, new int[] {2, 3}, -300, 0, 300, 1, 2, 3);
        Tensor y = run1(op("DequantizeLinear", 13, 3, 1, i("axis", 0)), x, f32(new float[] {0.5f, 2}, 2),
                ints(DType.INT16, new int[] {2}, 100, -1));
        assertThat(y.floats()).containsExactly(-200, -50, 100, 4, 6, 8);
        // blocked on axis 1, block 2: scale [2, 2]
        Tensor b = run1(op("DequantizeLinear", 21, 3, 1, i("block_size", 2)), x, f32(new float[] {1, 10, 2, 3}, 2, 2),
                ints(DType.INT16, new int[] {2, 2}, 0, 1, 1, 0));
        assertThat(b.floats()).containsExactly(-300, 0, 2990, 0, 2, 9);
    }

    @Test
    void outputTypeFollowsTheScaleOrOutputDtype() {
        Tensor x = ints(DType.UINT8, new int[] {3}, 0, 10, 255);
        Tensor h = run1(op("DequantizeLinear", 19, 3, 1), x, f16(new float[] {0.5f}, 1), ints(DType.UINT8, new int[] {1}, 10));
        assertThat(h.dtype()).isEqualTo(DType.FLOAT16);
        assertThat(h.getDouble(0)).isEqualTo(-5.0);
        assertThat(h.getDouble(2)).isEqualTo(122.5);
        Tensor bf = run1(op("DequantizeLinear", 23, 2, 1, i("output_dtype", DType.BFLOAT16.onnxCode())), x, Tensor.scalar(0.5f));
        assertThat(bf.dtype()).isEqualTo(DType.BFLOAT16);
        assertThat(bf.getDouble(1)).isEqualTo(5.0);
        assertThatThrownBy(() -> op("DequantizeLinear", 23, 2, 1, i("output_dtype", DType.INT8.onnxCode())))
                .isInstanceOf(InvalidModelException.class);
        List<Dim> dims = List.of(Dim.symbol("n"));
        assertThat(op("DequantizeLinear", 19, 2, 1).infer(Arrays.asList(Fact.of(DType.INT8, dims), Fact.of(DType.FLOAT16))))
                .containsExactly(Fact.of(DType.FLOAT16, dims));
    }

    @Test
    void rejectsMismatchedZeroPoints() {
        Tensor x = ints(DType.UINT8, new int[] {2}, 1, 2);
        assertThatThrownBy(() -> run1(op("DequantizeLinear", 13, 3, 1), x, Tensor.scalar(1f), scalar(DType.INT8, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x_zero_point has type int8");
        assertThatThrownBy(() -> run1(op("DequantizeLinear", 13, 3, 1), x, Tensor.scalar(1f), ints(DType.UINT8, new int[] {2}, 0, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x_zero_point");
    }
}
