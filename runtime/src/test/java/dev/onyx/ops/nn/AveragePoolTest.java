package dev.onyx.ops.nn;

import dev.onyx.ir.Fact;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.onyx.ops.nn.Nodes.i;
import static dev.onyx.ops.nn.Nodes.ints;
import static dev.onyx.ops.nn.Nodes.op;
import static dev.onyx.ops.nn.Nodes.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AveragePoolTest {
    private static final Tensor X = Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 4);

    private static Tensor run(Op op, Tensor x) { return op.run(List.of(x)).get(0); }

    @Test
    void countIncludePad() {
        NnAssert.close(run(op("AveragePool", 11, 1, ints("kernel_shape", 3), ints("pads", 1, 1)), X),
                new float[] {1.5f, 2, 3, 3.5f}, 1, 1, 4);
        NnAssert.close(run(op("AveragePool", 11, 1, ints("kernel_shape", 3), ints("pads", 1, 1), i("count_include_pad", 1)), X),
                new float[] {1, 2, 3, 7 / 3f}, 1, 1, 4);
        // opset 1 has no count_include_pad: pads are excluded
        NnAssert.close(run(op("AveragePool", 1, 1, ints("kernel_shape", 3), ints("pads", 1, 1), i("count_include_pad", 1)), X),
                new float[] {1.5f, 2, 3, 3.5f}, 1, 1, 4);
    }

    @Test
    void ceilModeWindowPastTheEndCountsOnlyTheInputAndPads() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5}, 1, 1, 5);
        NnAssert.close(run(op("AveragePool", 10, 1, ints("kernel_shape", 2), ints("strides", 2), i("ceil_mode", 1)), x),
                new float[] {1.5f, 3.5f, 5}, 1, 1, 3);
        NnAssert.close(run(op("AveragePool", 10, 1, ints("kernel_shape", 2), ints("strides", 2), i("ceil_mode", 1),
                i("count_include_pad", 1)), x), new float[] {1.5f, 3.5f, 5}, 1, 1, 3);
        // pads (1, 1), kernel 3, stride 3: one window [-1, 2) of 3 taps inside the padded input
        Tensor x2 = Tensor.of(new float[] {6, 3}, 1, 1, 2);
        NnAssert.close(run(op("AveragePool", 19, 1, ints("kernel_shape", 3), ints("strides", 3), ints("pads", 1, 1),
                i("ceil_mode", 1), i("count_include_pad", 1)), x2), new float[] {3}, 1, 1, 1);
    }

    @Test
    void dilationsOnlyFromOpset19() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5}, 1, 1, 5);
        NnAssert.close(run(op("AveragePool", 19, 1, ints("kernel_shape", 2), ints("dilations", 2)), x),
                new float[] {2, 3, 4}, 1, 1, 3);
        NnAssert.close(run(op("AveragePool", 18, 1, ints("kernel_shape", 2), ints("dilations", 2)), x),
                new float[] {1.5f, 2.5f, 3.5f, 4.5f}, 1, 1, 4);
    }

    @Test
    void twoDimensionalSameUpperAndTypes() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 1, 3, 3);
        Op op = op("AveragePool", 11, 1, ints("kernel_shape", 2, 2), s("auto_pad", "SAME_UPPER"));
        NnAssert.close(run(op, x), new float[] {3, 4, 4.5f, 6, 7, 7.5f, 7.5f, 8.5f, 9}, 1, 1, 3, 3);
        Tensor d = run(op, x.castTo(DType.DOUBLE));
        assertThat(d.dtype()).isEqualTo(DType.DOUBLE);
        assertThat(d.doubles()).containsExactly(3, 4, 4.5, 6, 7, 7.5, 7.5, 8.5, 9);
        Tensor b = run(op, x.castTo(DType.BFLOAT16));
        assertThat(b.dtype()).isEqualTo(DType.BFLOAT16);
        assertThat(b.castTo(DType.FLOAT).floats()).containsExactly(3, 4, 4.5f, 6, 7, 7.5f, 7.5f, 8.5f, 9);
        assertThat(op.infer(List.of(Fact.of(DType.FLOAT, 2, 3, 7, 8))).get(0).staticShape()).containsExactly(2, 3, 7, 8);
        assertThatThrownBy(() -> run(op, Tensor.ofBytes(DType.UINT8, new byte[9], 1, 1, 3, 3)))
                .hasMessage("AveragePool does not support uint8 input");
    }
}
