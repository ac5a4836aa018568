package dev.onyx.ops.image;

import dev.onyx.ir.Attribute;
import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConvTransposeTest {
    private static float[] ones(int n) {
        float[] f = new float[n];
        Arrays.fill(f, 1);
        return f;
    }

    private static final float[] SPEC = {0, 1, 3, 3, 2, 3, 8, 15, 12, 7, 9, 21, 36, 27, 15, 9, 20, 33, 24, 13, 6, 13, 21, 15, 8};

    @Test
    void specExample2dFloatAndDouble() {
        Op op = Fixtures.op("ConvTranspose", 11, List.of("x", "w"));
        float[] exp = new float[50];
        System.arraycopy(SPEC, 0, exp, 0, 25);
        System.arraycopy(SPEC, 0, exp, 25, 25);
        Tensor y = op.run(List.of(Tensor.of(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8}, 1, 1, 3, 3), Tensor.of(ones(18), 1, 2, 3, 3))).get(0);
        Fixtures.close(y, exp, 1, 2, 5, 5);
        double[] ones = new double[18];
        Arrays.fill(ones, 1);
        Tensor yd = op.run(List.of(Tensor.of(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8}, 1, 1, 3, 3), Tensor.of(ones, 1, 2, 3, 3))).get(0);
        assertThat(yd.dtype()).isEqualTo(DType.DOUBLE);
        Fixtures.close(yd, exp, 1, 2, 5, 5);
    }

    @Test
    void oneDimensionalWithStridesPadsAndBias() {
        Op op = Fixtures.op("ConvTranspose", 11, List.of("x", "w", "b"));
        Tensor y = op.run(List.of(Tensor.of(new float[] {0, 1, 2}, 1, 1, 3), Tensor.of(ones(3), 1, 1, 3), Tensor.of(new float[] {10}, 1))).get(0);
        Fixtures.close(y, new float[] {10, 11, 13, 13, 12}, 1, 1, 5);
        // stride 2, pads 1/1, output_padding 1: full = 2*2 + 1 + 3 = 8, minus pads -> 6
        Op s = Fixtures.op("ConvTranspose", 11, List.of("x", "w"), Attribute.ofInts("strides", List.of(2L)),
                Attribute.ofInts("pads", List.of(1L, 1L)), Attribute.ofInts("output_padding", List.of(1L)));
        Tensor ys = s.run(List.of(Tensor.of(new float[] {1, 2, 3}, 1, 1, 3), Tensor.of(new float[] {1, 10, 100}, 1, 1, 3))).get(0);
        // uncropped: [1, 10, 100+2, 20, 200+3, 30, 300, 0] -> drop first and last
        Fixtures.close(ys, new float[] {10, 102, 20, 203, 30, 300}, 1, 1, 6);
    }

    @Test
    void groupsAndDilations() {
        // 2 groups, 1 input and 1 output channel each: each channel is convolved with its own kernel
        Op op = Fixtures.op("ConvTranspose", 11, List.of("x", "w"), Attribute.ofInt("group", 2), Attribute.ofInts("dilations", List.of(2L)));
        Tensor y = op.run(List.of(Tensor.of(new float[] {1, 2, 3, 4}, 1, 2, 2), Tensor.of(new float[] {1, 1, 2, 2}, 2, 1, 2))).get(0);
        // channel 0: x=[1,2], w=[1,1] dilation 2 -> [1, 2, 1, 2]; channel 1: x=[3,4], w=[2,2] -> [6, 8, 6, 8]
        Fixtures.close(y, new float[] {1, 2, 1, 2, 6, 8, 6, 8}, 1, 2, 4);
    }

    @Test
    void autoPadSameAndInference() {
        Op op = Fixtures.op("ConvTranspose", 11, List.of("x", "w"), Attribute.ofString("auto_pad", "SAME_UPPER"), Attribute.ofInts("strides", List.of(2L, 2L)));
        List<Fact> f = op.infer(List.of(Fact.of(DType.FLOAT, List.of(Dim.symbol("N"), Dim.of(1), Dim.of(3), Dim.of(3))), Fact.of(DType.FLOAT, 1, 2, 3, 3)));
        assertThat(f.get(0).dims()).containsExactly(Dim.symbol("N"), Dim.of(2), Dim.of(6), Dim.of(6));
        Tensor y = op.run(List.of(Tensor.of(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8}, 1, 1, 3, 3), Tensor.of(ones(18), 1, 2, 3, 3))).get(0);
        // ONNX test_convtranspose_autopad_same, first row
        float[] row = {0, 0, 1, 1, 3, 2};
        for (int i = 0; i < 6; i++) assertThat(y.get(0, 0, 0, i)).isEqualTo(row[i]);
    }
}
