package dev.onyx.ops.nn;

import dev.onyx.InvalidModelException;
import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static dev.onyx.ops.nn.Nodes.i;
import static dev.onyx.ops.nn.Nodes.ints;
import static dev.onyx.ops.nn.Nodes.op;
import static dev.onyx.ops.nn.Nodes.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConvTest {
    private static float[] iota(int n) {
        float[] f = new float[n];
        for (int k = 0; k < n; k++) f[k] = k;
        return f;
    }

    private static float[] ones(int n) {
        float[] f = new float[n];
        Arrays.fill(f, 1f);
        return f;
    }

    private static Tensor run(Op op, Tensor... in) {
        return op.run(Arrays.asList(in)).get(0);
    }

    @Test
    void basicPaddedAndUnpadded() {
        // ONNX spec example: 5x5 ramp, 3x3 ones
        Tensor x = Tensor.of(iota(25), 1, 1, 5, 5), w = Tensor.of(ones(9), 1, 1, 3, 3);
        NnAssert.close(run(op("Conv", 11, 2, ints("kernel_shape", 3, 3), ints("pads", 1, 1, 1, 1)), x, w), new float[] {
                12, 21, 27, 33, 24, 33, 54, 63, 72, 51, 63, 99, 108, 117, 81, 93, 144, 153, 162, 111, 72, 111, 117, 123, 84},
                1, 1, 5, 5);
        NnAssert.close(run(op("Conv", 1, 2), x, w), new float[] {54, 63, 72, 99, 108, 117, 144, 153, 162}, 1, 1, 3, 3);
    }

    @Test
    void stridesAsymmetricPadsAndAutoPad() {
        Tensor x = Tensor.of(iota(35), 1, 1, 7, 5), w = Tensor.of(ones(9), 1, 1, 3, 3);
        // ONNX spec examples
        NnAssert.close(run(op("Conv", 11, 2, ints("pads", 1, 0, 1, 0), ints("strides", 2, 2)), x, w),
                new float[] {21, 33, 99, 117, 189, 207, 171, 183}, 1, 1, 4, 2);
        Tensor x5 = Tensor.of(iota(25), 1, 1, 5, 5);
        NnAssert.close(run(op("Conv", 11, 2, s("auto_pad", "SAME_LOWER"), ints("strides", 2, 2)), x5, w),
                new float[] {12, 27, 24, 63, 108, 81, 72, 117, 84}, 1, 1, 3, 3);
        // even kernel: SAME_UPPER pads at the end, SAME_LOWER at the beginning
        Tensor x1 = Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 4), w1 = Tensor.of(new float[] {1, 10}, 1, 1, 2);
        NnAssert.close(run(op("Conv", 11, 2, s("auto_pad", "SAME_UPPER")), x1, w1), new float[] {21, 32, 43, 4}, 1, 1, 4);
        NnAssert.close(run(op("Conv", 11, 2, s("auto_pad", "SAME_LOWER")), x1, w1), new float[] {10, 21, 32, 43}, 1, 1, 4);
        NnAssert.close(run(op("Conv", 11, 2, s("auto_pad", "VALID"), ints("pads", 5, 5)), x1, w1), new float[] {21, 32, 43}, 1, 1, 3);
    }

    @Test
    void kernelWiderThanPaddedInputTaps() {
        // pytorch test_Conv1d_pad2size1: width 1, kernel 5, pads 2+2: the outer taps lie wholly in the padding
        Tensor x = Tensor.of(new float[] {3, -1}, 1, 2, 1), w = Tensor.of(new float[] {1, 2, 3, 4, 5, 10, 20, 30, 40, 50}, 1, 2, 5);
        NnAssert.close(run(op("Conv", 6, 2, ints("kernel_shape", 5), ints("pads", 2, 2)), x, w), new float[] {3 * 3 - 30}, 1, 1, 1);
    }

    @Test
    void groupedWithBias() {
        Tensor x = Tensor.of(new float[] {0.25f, 0.79f, 0.55f, -0.55f, -0.4f, 0.75f, -0.99f, 0.64f, 0.59f, -0.06f, -0.39f,
                -0.44f, -0.49f, -0.11f, 0.01f, 0.11f, 0.99f, 0.59f, 0.24f, 0.98f, -0.57f, -0.68f, 0.23f, -0.91f, -0.93f, 0.03f,
                -0.07f, 0.83f, 0.26f, 0.03f, -0.01f, -0.5f, -0.98f, -0.62f, 0.38f, -0.6f}, 1, 4, 3, 3);
        Tensor w = Tensor.of(new float[] {-0.26f, -0.99f, 0.66f, -0.69f, -0.46f, 0.76f, 0.02f, 0.69f, 0.28f, 0.48f, -0.82f,
                0.08f, 0.02f, 0.74f, -0.28f, 0.2f}, 2, 2, 2, 2);
        Tensor b = Tensor.of(new float[] {-0.88f, -0.22f}, 2);
        NnAssert.close(run(op("Conv", 22, 3, i("group", 2)), x, w, b),
                new float[] {-2.1686f, -2.5617f, -0.6089001f, -1.0181f, 1.0054f, -0.5092f, 0.3444f, -1.5842f}, 1, 2, 2, 2);
    }

    @Test
    void depthwiseWithMultiplierStridesAndPads() {
        Tensor x = Tensor.of(new float[] {-0.35f, -0.7f, 0.63f, -0.24f, 0.96f, 0.18f, 0.21f, 0.28f, 0.35f, -0.7f, -0.12f,
                -0.52f, -0.2f, -0.81f, 0.94f, -0.57f, 0.34f, -0.4f, 0.75f, 0.32f, -0.74f, 0.69f, 0.89f, 0.81f, 0.14f, -0.71f,
                -0.62f, 0.86f, 0.1f, -0.64f, 0.77f, 0.28f}, 1, 2, 4, 4);
        Tensor w = Tensor.of(new float[] {0.14f, -0.25f, -0.18f, -0.52f, -0.92f, 0.75f, -0.06f, 0.1f, -0.36f, 0.5f, -0.95f,
                -0.26f, -0.94f, -0.75f, 0.93f, 0.32f, -0.14f, 0.05f, 0.75f, -0.31f, 0.18f, 0.37f, -0.29f, 0.04f, 0.53f, 0.82f,
                -0.7f, 0.87f, -0.99f, 0.51f, 0.62f, -0.73f, -0.16f, 0.63f, -0.97f, 0.26f}, 4, 1, 3, 3);
        NnAssert.close(run(op("Conv", 11, 2, i("group", 2), ints("strides", 2, 2), ints("pads", 1, 1, 1, 1),
                        ints("kernel_shape", 3, 3)), x, w),
                new float[] {-0.1718f, -0.4862f, -0.8478f, 0.3545f, -0.5139f, 0.004500007f, -1.8848f, -0.3372f, -1.2044f,
                        0.1758f, 0.8146f, 0.4351f, 0.713f, -1.0647f, 0.8325f, -1.0702f}, 1, 4, 2, 2);
    }

    @Test
    void dilations() {
        Tensor x = Tensor.of(new float[] {0.59f, 0.03f, 0.45f, -0.55f, -0.6f, -0.27f, -0.64f, -0.31f, 0.9f, 0.15f, -0.32f,
                -0.46f, 0.9f, -0.11f, 0.96f, 0.03f, 0.04f, 0.79f, 0.49f, 0.16f, -0.15f, 0.76f, -0.18f, 0.85f, -0.86f}, 1, 1, 5, 5);
        Tensor w = Tensor.of(new float[] {-0.14f, 0.04f, 0.9f, -0.5f}, 1, 1, 2, 2);
        NnAssert.close(run(op("Conv", 11, 2, ints("dilations", 2, 2)), x, w), new float[] {-0.8026f, -0.3852f, 0.243f,
                -0.3426f, -0.08340001f, 0.6804f, 0.0358f, 0.3189999f, 0.1804f}, 1, 1, 3, 3);
    }

    private static final float[] X1D = {0.61f, 0.35f, 0.43f, 0.26f, 0.94f, -0.33f, -0.2f, -0.59f, -0.9f, -0.57f, 0.83f,
            0.68f, -0.78f, 0.21f};
    private static final float[] W1D = {-0.04f, 0.19f, 0.32f, -0.39f, 0.92f, -0.07f, 0.26f, 0.27f, -0.63f, -0.88f, -0.18f,
            0.53f, 0.63f, 0.46f, -0.77f, 0.83f, 0.6f, 0.76f};
    private static final float[] B1D = {0.05f, 0.83f, -0.91f};
    private static final float[] Y1D = {-0.2019f, -0.03060001f, 0.4691001f, 0.5226f, 0.4033999f, 2.2078f, 0.09310006f,
            1.3388f, -1.9369f, -1.1501f, 0.4444f, -1.7313f};

    @Test
    void oneDimensionalWithBias() {
        Op op = op("Conv", 11, 3, ints("strides", 2), ints("pads", 1, 2));
        NnAssert.close(run(op, Tensor.of(X1D, 1, 2, 7), Tensor.of(W1D, 3, 2, 3), Tensor.of(B1D, 3)), Y1D, 1, 3, 4);
    }

    @Test
    void float64AndFloat16() {
        Op op = op("Conv", 11, 3, ints("strides", 2), ints("pads", 1, 2));
        double[] xd = new double[X1D.length], wd = new double[W1D.length], bd = new double[B1D.length];
        for (int k = 0; k < xd.length; k++) xd[k] = X1D[k];
        for (int k = 0; k < wd.length; k++) wd[k] = W1D[k];
        for (int k = 0; k < bd.length; k++) bd[k] = B1D[k];
        Tensor y = run(op, Tensor.of(xd, 1, 2, 7), Tensor.of(wd, 3, 2, 3), Tensor.of(bd, 3));
        assertThat(y.dtype()).isEqualTo(DType.DOUBLE);
        for (int k = 0; k < Y1D.length; k++) assertThat(y.getDouble(k)).isCloseTo(Y1D[k], org.assertj.core.data.Offset.offset(1e-6));
        Tensor yh = run(op, Tensor.of(X1D, 1, 2, 7).castTo(DType.FLOAT16), Tensor.of(W1D, 3, 2, 3).castTo(DType.FLOAT16),
                Tensor.of(B1D, 3).castTo(DType.FLOAT16));
        assertThat(yh.dtype()).isEqualTo(DType.FLOAT16);
        for (int k = 0; k < Y1D.length; k++) assertThat(yh.getDouble(k)).isCloseTo(Y1D[k], org.assertj.core.data.Offset.offset(5e-3));
    }

    @Test
    void threeDimensional() {
        Tensor x = Tensor.of(new float[] {-0.94f, -0.96f, -0.49f, -0.5f, -0.62f, 0.13f, -0.92f, 0.18f, -0.67f, 0.36f, -0.96f,
                -0.38f, 0.88f, 0.08f, 0.62f, 0.32f, 0.22f, -0.62f, 0.15f, -0.92f, 0.6f, 0.92f, 0.71f, -0.9f, -0.32f, -0.36f,
                -0.77f}, 1, 1, 3, 3, 3);
        Tensor w = Tensor.of(new float[] {0.25f, 0.59f, -0.37f, 0.73f, 0.59f, -0.74f, 0.53f, 0.77f, -0.61f, 0.15f, 0.28f,
                0.22f, -0.81f, 0.32f, 0.26f, 0.65f}, 2, 1, 2, 2, 2);
        NnAssert.close(run(op("Conv", 22, 2, ints("pads", 0, 1, 0, 1, 0, 1)), x, w), new float[] {-0.9013999f, -0.8039f,
                -0.02009998f, 0.3818f, 0.02980002f, -0.06619999f, 0.78f, -1.4064f, 0.3176f, -1.4629f, 0.05220002f, 0.4586f,
                1.06f, -1.3447f, -0.4474f, -0.12f, 0.153f, -0.5546999f, -0.7271f, 0.7784f, -0.222f, -0.3274f, -0.7957f, 0.483f,
                0.5045f, -0.7824f, 0.05990002f, -1.0048f, -0.8732f, -0.236f, -0.165f, 1.4469f, 0.8043f, -0.467f, 0.08850001f,
                -0.9303f, -0.6694f, -0.2016f, 0.04960001f, 0.1851999f, 1.2242f, -0.3146f, -1.222f, -1.4878f, -0.02300005f,
                -0.1604f, -0.1256f, 0.168f, 0.1843f, 0.652f, -0.618f, -0.6235f, -0.8383f, 0.3334f}, 1, 2, 3, 3, 3);
    }

    @Test
    void pointwiseIsAGemm() {
        Tensor x = Tensor.of(new float[] {0.61f, -0.35f, 0.44f, 0.73f, 0.79f, -0.68f, -0.95f, 0.3f, -0.57f, 0.13f, 0.89f,
                -0.24f, -0.49f, -0.09f, 0.31f, -0.8f, -0.24f, -0.73f, 0.32f, 0.66f, -0.25f, -0.26f, 0.08f, -0.57f}, 2, 3, 2, 2);
        Tensor w = Tensor.of(new float[] {-0.51f, -0.34f, -0.09f, -0.84f, 0.51f, 0.16f}, 2, 3, 1, 1);
        Tensor b = Tensor.of(new float[] {-0.4f, -0.84f}, 2);
        NnAssert.close(run(op("Conv", 11, 3), x, w, b), new float[] {-0.9284f, -0.002000004f, -0.3815f, -0.8527f, -1.0407f,
                -0.872f, -1.5517f, -1.3386f, -0.046f, -0.08249998f, -0.6741f, -0.1651f, -0.5907999f, -1.1783f, -0.9244f,
                0.07740003f}, 2, 2, 2, 2);
    }

    @Test
    void fourSpatialAxesUseTheGenericPath() {
        // 1x1x2x2x2x2 ones with a 1x1x2x2x2x2 kernel of ones: a single output, the sum of 16 products
        Tensor x = Tensor.of(iota(16), 1, 1, 2, 2, 2, 2), w = Tensor.of(ones(16), 1, 1, 2, 2, 2, 2);
        NnAssert.close(run(op("Conv", 11, 2), x, w), new float[] {120}, 1, 1, 1, 1, 1, 1);
    }

    @Test
    void inferKeepsSymbolicBatchAndComputesSpatialDims() {
        Op op = op("Conv", 11, 3, ints("strides", 2, 2), ints("pads", 3, 3, 3, 3));
        List<Fact> out = op.infer(List.of(
                Fact.of(DType.FLOAT, List.of(Dim.symbol("N"), Dim.of(3), Dim.of(224), Dim.UNKNOWN)),
                Fact.of(DType.FLOAT, 64, 3, 7, 7), Fact.of(DType.FLOAT, 64)));
        assertThat(out.get(0).dtype()).isEqualTo(DType.FLOAT);
        assertThat(out.get(0).dims()).containsExactly(Dim.symbol("N"), Dim.of(64), Dim.of(112), Dim.UNKNOWN);
        Op same = op("Conv", 11, 2, s("auto_pad", "SAME_UPPER"), ints("strides", 2));
        assertThat(same.infer(List.of(Fact.of(DType.FLOAT, 1, 2, 9), Fact.of(DType.FLOAT, 4, 2, 4))).get(0).staticShape())
                .containsExactly(1, 4, 5);
        assertThat(op.infer(List.of(Fact.unknownShape(DType.FLOAT), Fact.of(DType.FLOAT, 64, 3, 7, 7), Fact.UNKNOWN)).get(0))
                .isEqualTo(Fact.unknownShape(DType.FLOAT));
    }

    @Test
    void shapeErrorsAreSpecific() {
        Tensor x = Tensor.zeros(DType.FLOAT, 1, 4, 5, 5);
        assertThatThrownBy(() -> run(op("Conv", 11, 2, i("group", 2)), x, Tensor.zeros(DType.FLOAT, 2, 3, 3, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("X has 4 channels but W expects 6 (W dim 1 = 3 x group 2)");
        assertThatThrownBy(() -> run(op("Conv", 11, 2, i("group", 2)), x, Tensor.zeros(DType.FLOAT, 3, 2, 3, 3)))
                .hasMessage("W has 3 output channels, which group 2 does not divide");
        assertThatThrownBy(() -> run(op("Conv", 11, 2, ints("kernel_shape", 3, 3)), x, Tensor.zeros(DType.FLOAT, 2, 4, 2, 2)))
                .hasMessage("attribute 'kernel_shape' [3, 3] does not match the spatial dims of W [2, 2]");
        assertThatThrownBy(() -> run(op("Conv", 11, 3), x, Tensor.zeros(DType.FLOAT, 2, 4, 3, 3), Tensor.zeros(DType.FLOAT, 3)))
                .hasMessage("bias B must have shape [2], got [3]");
        assertThatThrownBy(() -> run(op("Conv", 11, 2), x, Tensor.zeros(DType.FLOAT, 2, 4, 3)))
                .hasMessageContaining("weight W has shape [2, 4, 3] (rank 3) but X has shape [1, 4, 5, 5] (rank 4)");
        assertThatThrownBy(() -> run(op("Conv", 11, 2), x, Tensor.zeros(DType.FLOAT, 2, 4, 6, 3)))
                .hasMessage("spatial axis 0: input size 5 with pads (0, 0) is smaller than the dilated kernel extent 6");
        assertThatThrownBy(() -> run(op("Conv", 11, 2), x, Tensor.zeros(DType.DOUBLE, 2, 4, 3, 3)))
                .hasMessage("weight W has type float64 but X has type float32");
        assertThatThrownBy(() -> run(op("Conv", 11, 2, ints("strides", 1, 1, 1)), x, Tensor.zeros(DType.FLOAT, 2, 4, 3, 3)))
                .hasMessage("the window attributes describe 3 spatial axes but X has 2");
        assertThatThrownBy(() -> op.infer(Arrays.asList(Fact.of(DType.FLOAT, 1, 4, 5, 5), Fact.of(DType.FLOAT, 2, 3, 3, 3), null)))
                .hasMessage("X has 4 channels but W expects 3 (W dim 1 = 3 x group 1)");
    }

    private final Op op = op("Conv", 11, 2);

    @Test
    void attributeErrorsAtCreation() {
        assertThatThrownBy(() -> op("Conv", 11, 2, i("group", 0))).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("attribute 'group': expected a positive value, got 0");
        assertThatThrownBy(() -> op("Conv", 11, 2, ints("kernel_shape", 3, 3), ints("pads", 1, 1)))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("attribute 'pads': expected 4 values, got 2");
        assertThatThrownBy(() -> op("Conv", 11, 2, ints("strides", 0, 1))).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("attribute 'strides': values must be positive");
        assertThatThrownBy(() -> op("Conv", 11, 2, ints("pads", -1, 0))).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("attribute 'pads': values must be non-negative");
        assertThatThrownBy(() -> op("Conv", 11, 2, s("auto_pad", "SAME"))).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("attribute 'auto_pad': expected NOTSET, SAME_UPPER, SAME_LOWER or VALID, got 'SAME'");
        assertThatThrownBy(() -> op("Conv", 11, 1)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("expected 2 to 3 inputs, got 1");
    }
}
