package dev.onyx.ops.quant;

import dev.onyx.InvalidModelException;
import dev.onyx.UnsupportedModelException;
import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static dev.onyx.ops.quant.QuantNodes.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuantizeLinearTest {
    @Test
    void opset10RoundsHalfToEvenAndSaturatesUint8() {
        Tensor x = f32(new float[] {0, 2.5f, 3.5f, -2.5f, 1000, -1000, 0.7f, Float.POSITIVE_INFINITY}, 8);
        Tensor y = run1(op("QuantizeLinear", 10, 3, 1), x, Tensor.scalar(1f), scalar(DType.UINT8, 128));
        assertThat(y.dtype()).isEqualTo(DType.UINT8);
        // 2.5 -> 2, 3.5 -> 4, -2.5 -> -2 (ties to even), then + 128 and saturate
        assertThat(values(y)).containsExactly(128, 130, 132, 126, 255, 0, 129, 255);
        // no zero point: uint8 with zero point 0
        Tensor d = run1(op("QuantizeLinear", 10, 2, 1), f32(new float[] {-3, 3, 5}, 3), Tensor.scalar(2f));
        assertThat(d.dtype()).isEqualTo(DType.UINT8);
        assertThat(values(d)).containsExactly(0, 2, 2);
    }

    @Test
    void int8Int16Uint16AndInt32Inputs() {
        Tensor x = f32(new float[] {-300, -1.5f, 0.5f, 1.5f, 300}, 5);
        assertThat(values(run1(op("QuantizeLinear", 13, 3, 1), x, Tensor.scalar(1f), scalar(DType.INT8, -1))))
                .containsExactly(-128, -3, -1, 1, 127);
        assertThat(values(run1(op("QuantizeLinear", 21, 3, 1), x, Tensor.scalar(0.01f), scalar(DType.INT16, 10))))
                .containsExactly(-29990, -140, 60, 160, 30010);
        assertThat(values(run1(op("QuantizeLinear", 21, 3, 1), x, Tensor.scalar(0.001f), scalar(DType.UINT16, 1000))))
                .containsExactly(0, 0, 1500, 2500, 65535);
        Tensor xi = Tensor.of(new int[] {-7, 7, 1000}, 3);
        assertThat(values(run1(op("QuantizeLinear", 10, 3, 1), xi, Tensor.scalar(2f), scalar(DType.INT8, 0))))
                .containsExactly(-4, 4, 127);
    }

    @Test
    void perAxisWithNegativeAxis() {
        Tensor x = f32(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor s = f32(new float[] {1, 2, 4}, 3);
        Tensor z = ints(DType.UINT8, new int[] {3}, 0, 10, 20);
        Tensor y = run1(op("QuantizeLinear", 13, 3, 1, i("axis", -1)), x, s, z);
        assertThat(values(y)).containsExactly(1, 11, 21, 4, 12, 22);
        assertThat(y.shape()).containsExactly(2, 3);
        // the default axis 1 works too; opset 10 knows only per-tensor scales
        assertThat(values(run1(op("QuantizeLinear", 13, 3, 1), x, s, z))).containsExactly(1, 11, 21, 4, 12, 22);
        assertThatThrownBy(() -> run1(op("QuantizeLinear", 10, 3, 1), x, s, z))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("y_scale");
        assertThatThrownBy(() -> run1(op("QuantizeLinear", 13, 3, 1, i("axis", 0)), x, s, z))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2]");
    }

    @Test
    void blockedWithARemainderBlockAndOutputDtype() {
        // x [2, 5], axis 1, block 2: scale [2, 3], the last block holds one element (numpy-computed)
        float[] xv = new float[10];
        for (int k = 0; k < 10; k++) xv[k] = k - 3;
        Tensor x = f32(xv, 2, 5);
        Tensor s = f32(new float[] {1, 2, 4, 0.5f, 1, 3}, 2, 3);
        Tensor z = ints(DType.INT16, new int[] {2, 3}, 0, 1, -1, 2, 0, 5);
        Tensor y = run1(op("QuantizeLinear", 21, 3, 1, i("block_size", 2)), x, s, z);
        assertThat(y.dtype()).isEqualTo(DType.INT16);
        assertThat(values(y)).containsExactly(-3, -2, 1, 1, -1, 6, 8, 4, 5, 7);
        // no zero point: output_dtype picks the type
        Tensor sym = run1(op("QuantizeLinear", 21, 2, 1, i("block_size", 2), i("output_dtype", DType.INT16.onnxCode())), x, s);
        assertThat(sym.dtype()).isEqualTo(DType.INT16);
        assertThat(values(sym)).containsExactly(-3, -2, 0, 0, 0, 4, 6, 4, 5, 2);
        assertThatThrownBy(() -> run1(op("QuantizeLinear", 21, 3, 1, i("block_size", 3)), x, s, z))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("block_size 3");
        assertThatThrownBy(() -> run1(op("QuantizeLinear", 21, 3, 1, i("output_dtype", DType.INT8.onnxCode())),
                x, Tensor.scalar(1f), scalar(DType.UINT8, 0))).hasMessageContaining("does not match");
    }

    @Test
    void divisionRunsInTheScalesOrThePrecisionAttributesType() {
        // 0.15f / 0.1f rounds to 1 in float32 but the float16 operands give 1.5 -> 2
        Tensor x = f32(new float[] {0.14999999105930328f}, 1);
        assertThat(values(run1(op("QuantizeLinear", 23, 2, 1), x, Tensor.scalar(0.1f)))).containsExactly(1);
        assertThat(values(run1(op("QuantizeLinear", 23, 2, 1, i("precision", DType.FLOAT16.onnxCode())), x, Tensor.scalar(0.1f))))
                .containsExactly(2);
        Tensor xh = f16(new float[] {0.15f, -0.15f}, 2);
        assertThat(values(run1(op("QuantizeLinear", 19, 3, 1), xh, f16(new float[] {0.1f}, 1), scalar(DType.INT8, 0))))
                .containsExactly(2, -2);
    }

    @Test
    void attributesAndInference() {
        assertThatThrownBy(() -> op("QuantizeLinear", 19, 2, 1, i("saturate", 2))).isInstanceOf(InvalidModelException.class);
        assertThatThrownBy(() -> op("QuantizeLinear", 21, 2, 1, i("block_size", -1))).isInstanceOf(InvalidModelException.class);
        assertThatThrownBy(() -> op("QuantizeLinear", 21, 2, 1, i("output_dtype", 17))).isInstanceOf(UnsupportedModelException.class)
                .hasMessageContaining("float8e4m3fn");
        assertThatThrownBy(() -> op("QuantizeLinear", 21, 2, 1, i("output_dtype", 1))).isInstanceOf(InvalidModelException.class);
        List<Dim> dims = List.of(Dim.symbol("n"), Dim.of(3));
        Op q = op("QuantizeLinear", 13, 3, 1);
        assertThat(q.infer(Arrays.asList(Fact.of(DType.FLOAT, dims), Fact.of(DType.FLOAT), Fact.of(DType.INT8))))
                .containsExactly(Fact.of(DType.INT8, dims));
        Op noZp = op("QuantizeLinear", 21, 2, 1, i("output_dtype", DType.UINT16.onnxCode()));
        assertThat(noZp.infer(Arrays.asList(Fact.of(DType.FLOAT, dims), Fact.of(DType.FLOAT)))).containsExactly(Fact.of(DType.UINT16, dims));
        assertThat(op("QuantizeLinear", 10, 2, 1).infer(Arrays.asList(Fact.of(DType.FLOAT, dims), Fact.of(DType.FLOAT))))
                .containsExactly(Fact.of(DType.UINT8, dims));
    }
}
