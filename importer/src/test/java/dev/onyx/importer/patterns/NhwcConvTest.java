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

/** A Transpose-wrapped NHWC convolution (as tf2onnx exports it) matches a direct NHWC reference loop. */
class NhwcConvTest {
    static final int H = 5, W = 6, C = 3, M = 4, K = 3;
    static final Random R = new Random(11);
    static final float[] WT = Patterns.random(R, M * C * K * K);
    static final float[] BIAS = Patterns.random(R, M);

    static byte[] build() {
        return ModelBuilder.create().opset(17)
                .input("x", DType.FLOAT, 1, H, W, C).output("y", DType.FLOAT, 1, H, W, M)
                .initializer("w", Tensor.of(WT, M, C, K, K)).initializer("b", Tensor.of(BIAS, M))
                .node("Transpose", List.of("x"), List.of("x_nchw"), ModelBuilder.intsAttr("perm", 0, 3, 1, 2))
                .node("Conv", List.of("x_nchw", "w", "b"), List.of("c"), ModelBuilder.intsAttr("pads", 1, 1, 1, 1),
                        ModelBuilder.intsAttr("kernel_shape", K, K))
                .node("Relu", List.of("c"), List.of("r"))
                .node("Transpose", List.of("r"), List.of("y"), ModelBuilder.intsAttr("perm", 0, 2, 3, 1))
                .bytes();
    }

    /** Direct NHWC loop: y[h][w][o] = relu(b[o] + sum x[h+kh-1][w+kw-1][c] * W[o][c][kh][kw]). */
    static float[] reference(float[] x) {
        float[] y = new float[H * W * M];
        for (int h = 0; h < H; h++)
            for (int w = 0; w < W; w++)
                for (int o = 0; o < M; o++) {
                    double s = BIAS[o];
                    for (int kh = 0; kh < K; kh++)
                        for (int kw = 0; kw < K; kw++) {
                            int ih = h + kh - 1, iw = w + kw - 1;
                            if (ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
                            for (int c = 0; c < C; c++) s += x[(ih * W + iw) * C + c] * WT[((o * C + c) * K + kh) * K + kw];
                        }
                    y[(h * W + w) * M + o] = (float) Math.max(0, s);
                }
        return y;
    }

    @Test
    void matchesNhwcReferenceAtNoneAndAll() {
        byte[] model = Patterns.committed("nhwc_conv", build());
        float[] x = Patterns.random(new Random(3), H * W * C);
        float[] expected = reference(x);
        for (OptimizationLevel level : Patterns.LEVELS) {
            try (Session s = Patterns.session(model, level)) {
                Tensor y = s.run(Map.of("x", Tensor.of(x, 1, H, W, C))).get("y");
                assertThat(y.shape()).containsExactly(1, H, W, M);
                Patterns.assertClose("y at " + level, y.floats(), expected);
                if (level == OptimizationLevel.ALL) {
                    // The two Transposes are not adjacent (Conv sits between them): nothing may collapse them.
                    assertThat(s.optimizedGraph().nodes()).filteredOn(n -> n.opType().equals("Transpose")).hasSize(2);
                    assertThat(s.rewrites()).extracting(w -> w.pass()).doesNotContain("CollapseTransposes");
                    assertThat(s.optimizedGraph().nodes()).extracting(n -> n.opType()).doesNotContain("Relu");
                }
            }
        }
    }
}
