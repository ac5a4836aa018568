package dev.onyx.ops.image;

import dev.onyx.InvalidModelException;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResizeTest {
    private static final Tensor X22 = Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2);

    private static Tensor scales(float... s) { return Tensor.of(s, s.length); }

    private static Tensor run(Op op, Tensor... in) { return op.run(Arrays.asList(in)).get(0); }

    @Test
    void nearestUpsampleByScales() {
        Op op = Fixtures.op("Resize", 13, List.of("x", "", "s"), Attribute.ofString("mode", "nearest"));
        Fixtures.close(run(op, X22, null, scales(1, 1, 2, 3)), new float[] {
                1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 3, 3, 3, 4, 4, 4}, 1, 1, 4, 6);
    }

    @Test
    void bilinearHalfPixelAndAlignCorners() {
        Op hp = Fixtures.op("Resize", 13, List.of("x", "", "s"), Attribute.ofString("mode", "linear"));
        Fixtures.close(run(hp, X22, null, scales(1, 1, 2, 2)), new float[] {
                1, 1.25f, 1.75f, 2, 1.5f, 1.75f, 2.25f, 2.5f, 2.5f, 2.75f, 3.25f, 3.5f, 3, 3.25f, 3.75f, 4}, 1, 1, 4, 4);
        Op ac = Fixtures.op("Resize", 13, List.of("x", "", "s"), Attribute.ofString("mode", "linear"),
                Attribute.ofString("coordinate_transformation_mode", "align_corners"));
        float t = 1f / 3, u = 2f / 3;
        Fixtures.close(run(ac, X22, null, scales(1, 1, 2, 2)), new float[] {
                1, 1 + t, 1 + u, 2, 1 + u, 2, 2 + t, 2 + u, 2 + t, 2 + u, 3, 3 + t, 3, 3 + t, 3 + u, 4}, 1, 1, 4, 4);
    }

    @Test
    void linearDownsampleAndTrilinear() {
        Op op = Fixtures.op("Resize", 11, List.of("x", "r", "s"), Attribute.ofString("mode", "linear"));
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 1, 1, 2, 4);
        Fixtures.close(run(op, x, Tensor.of(new float[0], 0), scales(1, 1, 0.6f, 0.6f)), new float[] {2.6666665f, 4.3333335f}, 1, 1, 1, 2);
        // 3-D: a 2x2x2 cube upsampled to 1x1x2x2x2 -> the linear mode is separable on every axis
        Tensor cube = Tensor.of(new float[] {0, 1, 2, 3, 4, 5, 6, 7}, 1, 1, 2, 2, 2);
        Op asym = Fixtures.op("Resize", 13, List.of("x", "", "s"), Attribute.ofString("mode", "linear"),
                Attribute.ofString("coordinate_transformation_mode", "asymmetric"));
        Tensor y = run(asym, cube, null, scales(1, 1, 2, 2, 2));
        assertThat(y.shape()).containsExactly(1, 1, 4, 4, 4);
        // y[d,h,w] = 4*min(d/2,1) + 2*min(h/2,1) + min(w/2,1)
        assertThat(y.get(0, 0, 1, 1, 1)).isCloseTo(3.5, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(y.get(0, 0, 3, 0, 1)).isCloseTo(4.5, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void nearestModesAndIntegerData() {
        Tensor x = Tensor.of(new long[] {10, 20, 30, 40}, 1, 4);
        // asymmetric, 4 -> 6: x_ori = i * 4/6 = 0, .667, 1.333, 2, 2.667, 3.333
        Op floor = Fixtures.op("Resize", 13, List.of("x", "", "", "sz"), Attribute.ofString("nearest_mode", "floor"),
                Attribute.ofString("coordinate_transformation_mode", "asymmetric"));
        assertThat(run(floor, x, null, null, Tensor.of(new long[] {1, 6}, 2)).longs()).containsExactly(10, 10, 20, 30, 30, 40);
        Op ceil = Fixtures.op("Resize", 13, List.of("x", "", "", "sz"), Attribute.ofString("nearest_mode", "ceil"),
                Attribute.ofString("coordinate_transformation_mode", "asymmetric"));
        assertThat(run(ceil, x, null, null, Tensor.of(new long[] {1, 6}, 2)).longs()).containsExactly(10, 20, 30, 30, 40, 40);
    }

    @Test
    void cubicUpsampleMatchesSpecValues() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}, 1, 1, 4, 4);
        Op op = Fixtures.op("Resize", 13, List.of("x", "", "s"), Attribute.ofString("mode", "cubic"),
                Attribute.ofString("coordinate_transformation_mode", "asymmetric"));
        Tensor y = run(op, x, null, scales(1, 1, 2, 2));
        // ONNX test_resize_upsample_scales_cubic_asymmetric, first row
        float[] row = {1f, 1.40625f, 2f, 2.5f, 3f, 3.59375f, 4f, 4.09375f};
        for (int i = 0; i < 8; i++) assertThat(y.get(0, 0, 0, i)).isCloseTo(row[i], org.assertj.core.data.Offset.offset(1e-5));
    }

    @Test
    void tfCropAndResizeExtrapolates() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 1, 4);
        Op op = Fixtures.op("Resize", 13, List.of("x", "roi", "", "sz"), Attribute.ofString("mode", "linear"),
                Attribute.ofString("coordinate_transformation_mode", "tf_crop_and_resize"), Attribute.ofFloat("extrapolation_value", -1f));
        // roi on the last axis [0.5, 1.5]: x_ori = 1.5 + i * 1.5 -> 1.5, 3, 4.5 (outside)
        Tensor y = run(op, x, Tensor.of(new float[] {0, 0.5f, 1, 1.5f}, 4), null, Tensor.of(new long[] {1, 3}, 2));
        Fixtures.close(y, new float[] {2.5f, 4, -1}, 1, 3);
    }

    @Test
    void upsampleOpset7AttributeAndOpset9Input() {
        Op v7 = Fixtures.op("Upsample", 7, List.of("x"), Attribute.ofFloats("scales", List.of(1f, 1f, 2f, 2f)));
        Fixtures.close(run(v7, X22), new float[] {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4}, 1, 1, 4, 4);
        Op v9 = Fixtures.op("Upsample", 9, List.of("x", "s"), Attribute.ofString("mode", "linear"));
        // asymmetric linear: x_ori = i/2 -> 0, .5, 1, 1.5 (clamped)
        Tensor y = run(v9, Tensor.of(new float[] {1, 3}, 1, 2), scales(1, 2));
        Fixtures.close(y, new float[] {1, 2, 3, 3}, 1, 4);
    }

    @Test
    void inferShapeFromConstantScalesAndSymbolicBatch() {
        Op op = Fixtures.op("Resize", 13, List.of("x", "", "s"));
        Fact x = Fact.of(DType.FLOAT, List.of(Dim.symbol("N"), Dim.of(3), Dim.of(10), Dim.of(10)));
        List<Fact> out = op.infer(Arrays.asList(x, null, Fact.constant(scales(1, 1, 2, 0.5f))));
        assertThat(out.get(0).dims()).containsExactly(Dim.symbol("N"), Dim.of(3), Dim.of(20), Dim.of(5));
    }

    @Test
    void rejectsBadAttributesAndInputs() {
        assertThatThrownBy(() -> Fixtures.op("Resize", 13, List.of("x", "", "s"), Attribute.ofString("mode", "bogus")))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("mode");
        assertThatThrownBy(() -> Fixtures.op("Resize", 18, List.of("x", "", "s"), Attribute.ofString("coordinate_transformation_mode", "half_pixel_symmetric")))
                .isInstanceOf(InvalidModelException.class);
        Op op = Fixtures.op("Resize", 13, List.of("x", "", "s"));
        assertThatThrownBy(() -> run(op, X22, null, scales(1, 2))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scales");
    }
}
