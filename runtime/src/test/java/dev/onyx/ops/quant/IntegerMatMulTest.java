package dev.onyx.ops.quant;

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

/** MatMulInteger and QLinearMatMul against numpy-computed values. */
class IntegerMatMulTest {
    @Test
    void matMulIntegerPerRowAndPerColumnZeroPoints() {
        Tensor a = ints(DType.UINT8, new int[] {4, 3}, 11, 7, 3, 10, 6, 2, 9, 5, 1, 8, 4, 0);
        Tensor b = ints(DType.UINT8, new int[] {3, 2}, 1, 4, 2, 5, 3, 6);
        Tensor y = run1(op("MatMulInteger", 10, 4, 1), a, b, ints(DType.UINT8, new int[] {4}, 1, 2, 3, 4),
                ints(DType.UINT8, new int[] {2}, 1, 2));
        assertThat(y.dtype()).isEqualTo(DType.INT32);
        assertThat(y.shape()).containsExactly(4, 2);
        assertThat(y.ints()).containsExactly(10, 46, 4, 28, -2, 10, -8, -8);
        // no zero points
        assertThat(run1(op("MatMulInteger", 10, 2, 1), a, b).ints()).containsExactly(34, 97, 28, 82, 22, 67, 16, 52);
    }

    @Test
    void matMulIntegerBroadcastsBatchesAndPromotesVectors() {
        long[] av = new long[12];
        for (int k = 0; k < 12; k++) av[k] = k - 6;
        Tensor a = ints(DType.INT8, new int[] {2, 2, 3}, av);
        Tensor b = ints(DType.INT8, new int[] {3, 2}, -3, -2, -1, 0, 1, 2);
        Tensor y = run1(op("MatMulInteger", 10, 4, 1), a, b, scalar(DType.INT8, 1), scalar(DType.INT8, -2));
        assertThat(y.shape()).containsExactly(2, 2, 2);
        assertThat(y.ints()).containsExactly(-14, -32, -5, -14, 4, 4, 13, 22);
        Tensor v = ints(DType.INT8, new int[] {3}, 1, 2, 3);
        Tensor yv = run1(op("MatMulInteger", 10, 2, 1), v, b);
        assertThat(yv.shape()).containsExactly(2);
        assertThat(yv.ints()).containsExactly(-2, 4);
        assertThatThrownBy(() -> run1(op("MatMulInteger", 10, 2, 1), b, b)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be multiplied");
        assertThat(op("MatMulInteger", 10, 2, 1).infer(Arrays.asList(Fact.of(DType.INT8, List.of(Dim.symbol("n"), Dim.of(4), Dim.of(3))),
                Fact.of(DType.INT8, 3, 2)))).containsExactly(Fact.of(DType.INT32, List.of(Dim.symbol("n"), Dim.of(4), Dim.of(2))));
    }

    @Test
    void qlinearMatMulPerRowAndPerColumnScales() {
        Tensor a = ints(DType.UINT8, new int[] {2, 4}, 208, 236, 0, 238, 3, 214, 255, 29);
        Tensor b = ints(DType.UINT8, new int[] {4, 3}, 152, 51, 244, 60, 26, 255, 0, 127, 246, 127, 254, 247);
        Tensor y = op("QLinearMatMul", 10, 8, 1).run(List.of(a, f32(new float[] {0.0066f, 0.0133f}, 2),
                ints(DType.UINT8, new int[] {2}, 113, 114), b, f32(new float[] {0.00705f, 0.0081f, 0.009f}, 3),
                ints(DType.UINT8, new int[] {3}, 114, 115, 116), f32(new float[] {0.0107f, 0.02f}, 2),
                ints(DType.UINT8, new int[] {2}, 118, 119))).get(0);
        assertThat(y.dtype()).isEqualTo(DType.UINT8);
        assertThat(values(y)).containsExactly(168, 113, 255, 0, 55, 160);
    }

    @Test
    void qlinearMatMulInt8WithFloat16Scales() {
        // ONNX 1.23's test_qlinearmatmul_2D_int8_float16: the rescale factor is computed in float16
        Tensor a = ints(DType.INT8, new int[] {2, 4}, 81, 109, -127, 111, -124, 87, -128, -98);
        Tensor b = ints(DType.INT8, new int[] {4, 3}, 25, -76, 117, -67, -101, -128, -127, 0, 119, 0, 127, 120);
        Tensor y = op("QLinearMatMul", 21, 8, 1).run(List.of(a, f16(new float[] {0.0066f}, 1), ints(DType.INT8, new int[] {1}, -14),
                b, f16(new float[] {0.00705f}, 1), ints(DType.INT8, new int[] {1}, -13), f16(new float[] {0.0107f}, 1),
                ints(DType.INT8, new int[] {1}, -9))).get(0);
        assertThat(y.dtype()).isEqualTo(DType.INT8);
        assertThat(y.shape()).containsExactly(2, 3);
        assertThat(values(y)).containsExactly(41, -12, -9, 1, -75, -128);
        assertThatThrownBy(() -> op("QLinearMatMul", 21, 8, 1).run(List.of(a, Tensor.scalar(1f), scalar(DType.INT8, 0),
                b, f16(new float[] {1}, 1), scalar(DType.INT8, 0), Tensor.scalar(1f), scalar(DType.INT8, 0))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("share a float type");
    }
}
