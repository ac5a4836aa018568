package dev.onyx.ops.nn;

import dev.onyx.InvalidModelException;
import dev.onyx.ir.Dim;
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

class MaxPoolTest {
    private static float[] ramp(int n, int from) {
        float[] f = new float[n];
        for (int k = 0; k < n; k++) f[k] = k + from;
        return f;
    }

    @Test
    void valuesAndIndicesRowAndColumnMajor() {
        Tensor x = Tensor.of(ramp(32, 1), 1, 2, 4, 4);
        Op row = op("MaxPool", 12, List.of("x"), List.of("y", "i"), ints("kernel_shape", 2, 2), ints("strides", 2, 2));
        List<Tensor> out = row.run(List.of(x));
        NnAssert.close(out.get(0), new float[] {6, 8, 14, 16, 22, 24, 30, 32}, 1, 2, 2, 2);
        assertThat(out.get(1).dtype()).isEqualTo(DType.INT64);
        assertThat(out.get(1).longs()).containsExactly(5, 7, 13, 15, 21, 23, 29, 31);
        Op col = op("MaxPool", 8, List.of("x"), List.of("y", "i"), ints("kernel_shape", 2, 2), ints("strides", 2, 2),
                i("storage_order", 1));
        // column-major: spatial index h + w * H, plus the plane offset c * 16
        assertThat(col.run(List.of(x)).get(1).longs()).containsExactly(5, 13, 7, 15, 21, 29, 23, 31);
    }

    @Test
    void padsAreNeverTheMaximum() {
        Tensor x = Tensor.of(new float[] {-5, -3, -4, -9}, 1, 1, 2, 2);
        Op op = op("MaxPool", 11, List.of("x"), List.of("y", "i"), ints("kernel_shape", 2, 2), ints("pads", 1, 1, 1, 1));
        List<Tensor> out = op.run(List.of(x));
        NnAssert.close(out.get(0), new float[] {-5, -3, -3, -4, -3, -3, -4, -4, -9}, 1, 1, 3, 3);
        assertThat(out.get(1).longs()).containsExactly(0, 1, 1, 2, 1, 1, 2, 2, 3);
    }

    @Test
    void ceilModeDropsAWindowStartingInTheRightPadding() {
        Tensor x = Tensor.of(ramp(25, 0), 1, 1, 5, 5);
        Op ceil = op("MaxPool", 10, 1, ints("kernel_shape", 2, 2), ints("strides", 2, 2), i("ceil_mode", 1));
        NnAssert.close(ceil.run(List.of(x)).get(0), new float[] {6, 8, 9, 16, 18, 19, 21, 23, 24}, 1, 1, 3, 3);
        Op floor = op("MaxPool", 10, 1, ints("kernel_shape", 2, 2), ints("strides", 2, 2));
        NnAssert.close(floor.run(List.of(x)).get(0), new float[] {6, 8, 16, 18}, 1, 1, 2, 2);
        // 1-D [1, 2, 3, 4], pads (0, 1): ceil((4 + 1 - 2) / 2) + 1 = 3 windows, but the third starts at 4 (right pad)
        Op drop = op("MaxPool", 12, 1, ints("kernel_shape", 2), ints("strides", 2), ints("pads", 0, 1), i("ceil_mode", 1));
        NnAssert.close(drop.run(List.of(Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 4))).get(0), new float[] {2, 4}, 1, 1, 2);
        // before opset 10 ceil_mode does not exist: ignored
        Op v8 = op("MaxPool", 8, 1, ints("kernel_shape", 2, 2), ints("strides", 2, 2), i("ceil_mode", 1));
        assertThat(v8.run(List.of(x)).get(0).shape()).containsExactly(1, 1, 2, 2);
    }

    @Test
    void dilationsAndAutoPad() {
        Tensor x = Tensor.of(new float[] {1, 9, 2, 8, 3, 7, 4}, 1, 1, 7);
        Op dil = op("MaxPool", 12, 1, ints("kernel_shape", 2), ints("dilations", 3));
        NnAssert.close(dil.run(List.of(x)).get(0), new float[] {8, 9, 7, 8}, 1, 1, 4);
        Op upper = op("MaxPool", 12, 1, ints("kernel_shape", 2), ints("strides", 2), s("auto_pad", "SAME_UPPER"));
        NnAssert.close(upper.run(List.of(x)).get(0), new float[] {9, 8, 7, 4}, 1, 1, 4);
        Op lower = op("MaxPool", 12, 1, ints("kernel_shape", 2), ints("strides", 2), s("auto_pad", "SAME_LOWER"));
        NnAssert.close(lower.run(List.of(x)).get(0), new float[] {1, 9, 8, 7}, 1, 1, 4);
        Op valid = op("MaxPool", 12, 1, ints("kernel_shape", 3), ints("strides", 2), s("auto_pad", "VALID"));
        NnAssert.close(valid.run(List.of(x)).get(0), new float[] {9, 8, 7}, 1, 1, 3);
    }

    @Test
    void threeDimensionalAndFourDimensional() {
        Tensor x3 = Tensor.of(ramp(8, 0), 1, 1, 2, 2, 2);
        NnAssert.close(op("MaxPool", 12, 1, ints("kernel_shape", 2, 2, 1)).run(List.of(x3)).get(0),
                new float[] {6, 7}, 1, 1, 1, 1, 2);
        Tensor x4 = Tensor.of(ramp(16, 0), 1, 1, 2, 2, 2, 2);
        NnAssert.close(op("MaxPool", 12, 1, ints("kernel_shape", 2, 1, 2, 1)).run(List.of(x4)).get(0),
                new float[] {10, 11, 14, 15}, 1, 1, 1, 2, 1, 2);
    }

    @Test
    void integerAndHalfTypes() {
        Tensor u8 = Tensor.ofBytes(DType.UINT8, new byte[] {(byte) 200, 10, (byte) 255, 3}, 1, 1, 4);
        Tensor y = op("MaxPool", 12, 1, ints("kernel_shape", 2), ints("strides", 2)).run(List.of(u8)).get(0);
        assertThat(y.dtype()).isEqualTo(DType.UINT8);
        assertThat(y.getLong(0)).isEqualTo(200);
        assertThat(y.getLong(1)).isEqualTo(255);
        Tensor i8 = Tensor.ofBytes(DType.INT8, new byte[] {-5, -3, -100, -128}, 1, 1, 4);
        Tensor yi = op("MaxPool", 12, 1, ints("kernel_shape", 2), ints("strides", 2)).run(List.of(i8)).get(0);
        assertThat(yi.bytes()).containsExactly(-3, -100);
        Tensor h = Tensor.of(new float[] {0.5f, -1.25f, 3.5f, 2}, 1, 1, 4).castTo(DType.FLOAT16);
        Tensor yh = op("MaxPool", 12, 1, ints("kernel_shape", 2), ints("strides", 2)).run(List.of(h)).get(0);
        assertThat(yh.dtype()).isEqualTo(DType.FLOAT16);
        assertThat(yh.castTo(DType.FLOAT).floats()).containsExactly(0.5f, 3.5f);
        Tensor d = Tensor.of(new double[] {0.5, -1.25, 3.5, 2}, 1, 1, 4);
        assertThat(op("MaxPool", 12, 1, ints("kernel_shape", 2), ints("strides", 2)).run(List.of(d)).get(0).doubles())
                .containsExactly(0.5, 3.5);
        assertThatThrownBy(() -> op("MaxPool", 12, 1, ints("kernel_shape", 2)).run(List.of(Tensor.of(new int[] {1, 2}, 1, 1, 2))))
                .hasMessage("MaxPool does not support int32 input");
    }

    @Test
    void inferShapesAndIndices() {
        Op op = op("MaxPool", 12, List.of("x"), List.of("y", "i"), ints("kernel_shape", 3, 3), ints("strides", 2, 2),
                ints("pads", 1, 1, 1, 1));
        List<Fact> f = op.infer(List.of(Fact.of(DType.FLOAT, List.of(Dim.symbol("N"), Dim.of(64), Dim.of(112), Dim.UNKNOWN))));
        assertThat(f.get(0).dims()).containsExactly(Dim.symbol("N"), Dim.of(64), Dim.of(56), Dim.UNKNOWN);
        assertThat(f.get(1).dtype()).isEqualTo(DType.INT64);
        assertThat(f.get(1).dims()).isEqualTo(f.get(0).dims());
        // squeezenet: 3x3 stride 2 ceil_mode on 111 -> 55
        Op sq = op("MaxPool", 12, 1, ints("kernel_shape", 3, 3), ints("strides", 2, 2), i("ceil_mode", 1));
        assertThat(sq.infer(List.of(Fact.of(DType.FLOAT, 1, 96, 111, 111))).get(0).staticShape()).containsExactly(1, 96, 55, 55);
        assertThat(sq.infer(List.of(Fact.of(DType.FLOAT, 1, 96, 54, 54))).get(0).staticShape()).containsExactly(1, 96, 27, 27);
    }

    @Test
    void errors() {
        assertThatThrownBy(() -> op("MaxPool", 12, 1)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("missing required attribute 'kernel_shape'");
        assertThatThrownBy(() -> op("MaxPool", 12, 1, ints("kernel_shape", 2, 2), ints("strides", 1)))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("attribute 'strides': expected 2 values, got 1");
        assertThatThrownBy(() -> op("MaxPool", 12, 1, ints("kernel_shape", 2, 2), i("storage_order", 2)))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("attribute 'storage_order': expected 0 or 1, got 2");
        assertThatThrownBy(() -> op("MaxPool", 7, List.of("x"), List.of("y", "i"), ints("kernel_shape", 2, 2)))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("expected at most 1 outputs at opset 7, got 2");
        assertThatThrownBy(() -> op("MaxPool", 12, 1, ints("kernel_shape", 2, 2)).run(List.of(Tensor.zeros(DType.FLOAT, 1, 1, 4))))
                .hasMessage("input X must have rank 4 (N x C x 2 spatial axes, as kernel_shape [2, 2]), got shape [1, 1, 4]");
        assertThatThrownBy(() -> op("MaxPool", 12, 1, ints("kernel_shape", 5)).run(List.of(Tensor.zeros(DType.FLOAT, 1, 1, 4))))
                .hasMessage("spatial axis 0: input size 4 with pads (0, 0) is smaller than the dilated kernel extent 5");
    }
}
