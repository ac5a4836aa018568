package dev.onyx.importer.patterns;

import dev.onyx.Session;
import dev.onyx.SessionOptions.OptimizationLevel;
import dev.onyx.importer.ModelBuilder;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Upsampling decoder: Conv -> Resize(nearest, x2) -> Conv -> Resize(linear, half_pixel, x2), against reference loops. */
class ResizeDecoderTest {
    static final int C0 = 2, C1 = 3, C2 = 2, S = 4, K = 3;
    static final Random R = new Random(41);
    static final float[] W1 = Patterns.random(R, C1 * C0 * K * K);
    static final float[] B1 = Patterns.random(R, C1);
    static final float[] W2 = Patterns.random(R, C2 * C1 * K * K);
    static final float[] B2 = Patterns.random(R, C2);

    static byte[] build() {
        Tensor scales = Tensor.of(new float[] {1f, 1f, 2f, 2f}, 4);
        return ModelBuilder.create().opset(19)
                .input("x", DType.FLOAT, 1, C0, S, S).output("y", DType.FLOAT, 1, C2, 4 * S, 4 * S)
                .initializer("w1", Tensor.of(W1, C1, C0, K, K)).initializer("b1", Tensor.of(B1, C1))
                .initializer("w2", Tensor.of(W2, C2, C1, K, K)).initializer("b2", Tensor.of(B2, C2))
                .initializer("scales", scales)
                .node("Conv", List.of("x", "w1", "b1"), List.of("c1"), ModelBuilder.intsAttr("pads", 1, 1, 1, 1))
                .node("Resize", List.of("c1", "", "scales"), List.of("u1"), ModelBuilder.stringAttr("mode", "nearest"))
                .node("Conv", List.of("u1", "w2", "b2"), List.of("c2"), ModelBuilder.intsAttr("pads", 1, 1, 1, 1))
                .node("Resize", List.of("c2", "", "scales"), List.of("y"), ModelBuilder.stringAttr("mode", "linear"),
                        ModelBuilder.stringAttr("coordinate_transformation_mode", "half_pixel"))
                .bytes();
    }

    /** Nearest x2 with the defaults (half_pixel, round_prefer_floor). */
    static float[] nearest2(float[] x, int c, int h, int w) {
        int oh = 2 * h, ow = 2 * w;
        float[] y = new float[c * oh * ow];
        for (int ch = 0; ch < c; ch++)
            for (int i = 0; i < oh; i++)
                for (int j = 0; j < ow; j++)
                    y[(ch * oh + i) * ow + j] = x[(ch * h + nearestIndex(i, h)) * w + nearestIndex(j, w)];
        return y;
    }

    private static int nearestIndex(int out, int in) {
        double o = (out + 0.5) / 2 - 0.5;
        double fl = Math.floor(o);
        int idx = (o - fl == 0.5) ? (int) fl : (int) Math.round(o);
        return Math.max(0, Math.min(in - 1, idx));
    }

    /** Bilinear x2 with half_pixel coordinates, edge-clamped. */
    static float[] linear2(float[] x, int c, int h, int w) {
        int oh = 2 * h, ow = 2 * w;
        float[] y = new float[c * oh * ow];
        for (int ch = 0; ch < c; ch++)
            for (int i = 0; i < oh; i++)
                for (int j = 0; j < ow; j++) {
                    double oi = Math.max(0, Math.min(h - 1, (i + 0.5) / 2 - 0.5));
                    double oj = Math.max(0, Math.min(w - 1, (j + 0.5) / 2 - 0.5));
                    int i0 = (int) Math.floor(oi), j0 = (int) Math.floor(oj);
                    int i1 = Math.min(h - 1, i0 + 1), j1 = Math.min(w - 1, j0 + 1);
                    double di = oi - i0, dj = oj - j0;
                    double top = x[(ch * h + i0) * w + j0] * (1 - dj) + x[(ch * h + i0) * w + j1] * dj;
                    double bottom = x[(ch * h + i1) * w + j0] * (1 - dj) + x[(ch * h + i1) * w + j1] * dj;
                    y[(ch * oh + i) * ow + j] = (float) (top * (1 - di) + bottom * di);
                }
        return y;
    }

    static float[] reference(float[] x) {
        float[] c1 = Patterns.conv(x, 1, C0, S, S, W1, B1, C1, K, 1);
        float[] u1 = nearest2(c1, C1, S, S);
        float[] c2 = Patterns.conv(u1, 1, C1, 2 * S, 2 * S, W2, B2, C2, K, 1);
        return linear2(c2, C2, 2 * S, 2 * S);
    }

    @Test
    void matchesReferenceAtNoneAndAll() {
        byte[] model = Patterns.committed("resize_decoder", build());
        float[] x = Patterns.random(new Random(6), C0 * S * S);
        float[] expected = reference(x);
        for (OptimizationLevel level : Patterns.LEVELS) {
            try (Session s = Patterns.session(model, level)) {
                Tensor y = s.run(Map.of("x", Tensor.of(x, 1, C0, S, S))).get("y");
                assertThat(y.shape()).containsExactly(1, C2, 4 * S, 4 * S);
                Patterns.assertClose("y at " + level, y.floats(), expected);
            }
        }
    }
}
