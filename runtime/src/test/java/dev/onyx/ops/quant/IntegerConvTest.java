package dev.onyx.ops.quant;

import dev.onyx.InvalidModelException;
import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.onyx.ops.quant.QuantNodes.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ConvInteger and QLinearConv against numpy-computed values. */
class IntegerConvTest {
    @Test
    void convIntegerWithPaddingAndPerChannelWeightZeroPoints() {
        Tensor x = ints(DType.UINT8, new int[] {1, 1, 3, 3}, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        Tensor w = ints(DType.UINT8, new int[] {2, 1, 2, 2}, 1, 1, 1, 1, 3, 4, 5, 6);
        Tensor y = run1(op("ConvInteger", 10, 4, 1, ints("pads", 1, 1, 1, 1)), x, w, scalar(DType.UINT8, 1),
                ints(DType.UINT8, new int[] {2}, 0, 2));
        assertThat(y.dtype()).isEqualTo(DType.INT32);
        assertThat(y.shape()).containsExactly(1, 2, 4, 4);
        assertThat(y.ints()).containsExactly(1, 3, 5, 3, 5, 12, 16, 9, 11, 24, 28, 15, 7, 15, 17, 9,
                4, 11, 18, 9, 18, 37, 47, 21, 36, 67, 77, 33, 14, 23, 26, 9);
        // ONNX's test_convinteger_without_padding: x 2..10, w all 1, x_zero_point 1
        Tensor y2 = run1(op("ConvInteger", 10, 3, 1), x, ints(DType.UINT8, new int[] {1, 1, 2, 2}, 1, 1, 1, 1), scalar(DType.UINT8, 1));
        assertThat(y2.ints()).containsExactly(12, 16, 24, 28);
    }

    @Test
    void convIntegerGroupsStridesAndInference() {
        // two groups of one channel, stride 2, int8
        Tensor x = ints(DType.INT8, new int[] {1, 2, 1, 4}, 1, -2, 3, -4, 5, 6, -7, 8);
        Tensor w = ints(DType.INT8, new int[] {2, 1, 1, 2}, 1, 1, 2, -1);
        Tensor y = run1(op("ConvInteger", 10, 2, 1, i("group", 2), ints("strides", 1, 2)), x, w);
        assertThat(y.shape()).containsExactly(1, 2, 1, 2);
        assertThat(y.ints()).containsExactly(-1, -1, 4, -22);
        var f = op("ConvInteger", 10, 2, 1, ints("pads", 1, 1, 1, 1)).infer(Arrays.asList(
                Fact.of(DType.UINT8, List.of(Dim.symbol("n"), Dim.of(1), Dim.of(3), Dim.of(3))), Fact.of(DType.UINT8, 2, 1, 2, 2)));
        assertThat(f).containsExactly(Fact.of(DType.INT32, List.of(Dim.symbol("n"), Dim.of(2), Dim.of(4), Dim.of(4))));
        assertThatThrownBy(() -> op("ConvInteger", 10, 2, 1, ints("kernel_shape", 2, 2), ints("pads", 1, 1))).isInstanceOf(InvalidModelException.class);
    }

    @Test
    void qlinearConvInt8WithBiasAndPerChannelWeightScales() {
        Tensor x = ints(DType.INT8, new int[] {1, 2, 2, 3}, -5, 3, 7, -2, 0, 4, -8, 1, 6, -1, 2, 9);
        Tensor w = ints(DType.INT8, new int[] {2, 2, 1, 2}, 1, -2, 3, 0, -1, 4, 2, 2);
        List<Tensor> in = new ArrayList<>(List.of(x, Tensor.scalar(0.05f), scalar(DType.INT8, 1), w,
                f32(new float[] {0.1f, 0.02f}, 2), ints(DType.INT8, new int[] {2}, 0, 1), Tensor.scalar(0.04f),
                scalar(DType.INT8, -3), Tensor.of(new int[] {100, -50}, 2)));
        Tensor y = op("QLinearConv", 10, 9, 1).run(in).get(0);
        assertThat(y.dtype()).isEqualTo(DType.INT8);
        assertThat(y.shape()).containsExactly(1, 2, 2, 2);
        // int32 results 63, 90, 93, 96 and -41, -31, -48, -30 times 0.125 and 0.025, minus 3, rounded half to even
        assertThat(values(y)).containsExactly(5, 8, 9, 9, -4, -4, -4, -4);
    }

    @Test
    void qlinearConvUint8MatchesOnnxExample() {
        // ONNX's test_qlinearconv first row: x_scale 0.00369204697, x_zp 132, w 0 (scale 0.00172794575, zp 255),
        // y_scale 0.00162681262, y_zp 123: y = rint((x - 132) * (0 - 255) * 0.0036920 * 0.0017279 / 0.0016268 + 123)
        Tensor x = ints(DType.UINT8, new int[] {1, 1, 1, 7}, 255, 174, 162, 25, 203, 168, 58);
        Tensor y = op("QLinearConv", 10, 8, 1).run(List.of(x, Tensor.scalar(0.00369204697f), scalar(DType.UINT8, 132),
                ints(DType.UINT8, new int[] {1, 1, 1, 1}, 0), f32(new float[] {0.00172794575f}, 1), ints(DType.UINT8, new int[] {1}, 255),
                Tensor.scalar(0.00162681262f), scalar(DType.UINT8, 123))).get(0);
        assertThat(values(y)).containsExactly(0, 81, 93, 230, 52, 87, 197);
        assertThat(op("QLinearConv", 10, 8, 1).infer(Arrays.asList(Fact.of(DType.UINT8, 1, 1, 1, 7), Fact.of(DType.FLOAT),
                Fact.of(DType.UINT8), Fact.of(DType.UINT8, 1, 1, 1, 1), Fact.of(DType.FLOAT, 1), Fact.of(DType.UINT8, 1),
                Fact.of(DType.FLOAT), Fact.of(DType.UINT8)))).containsExactly(Fact.of(DType.UINT8, 1, 1, 1, 7));
    }
}
