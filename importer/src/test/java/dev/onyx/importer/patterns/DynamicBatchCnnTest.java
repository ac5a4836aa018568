package dev.onyx.importer.patterns;

import dev.onyx.Session;
import dev.onyx.SessionOptions.OptimizationLevel;
import dev.onyx.importer.ModelBuilder;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** A CNN with a symbolic batch dimension gives, at batch 5, per row what batch 1 gives for that row. */
class DynamicBatchCnnTest {
    static final int C = 3, S = 8, M = 4, K = 3, OUT = 5;
    static final Random R = new Random(21);
    static final float[] WT = Patterns.random(R, M * C * K * K);
    static final float[] BIAS = Patterns.random(R, M);
    static final float[] FC = Patterns.random(R, M * OUT);
    static final float[] FCB = Patterns.random(R, OUT);

    static byte[] build() {
        return ModelBuilder.create().opset(17)
                .input("x", DType.FLOAT, "batch", C, S, S).output("y", DType.FLOAT, "batch", OUT)
                .initializer("w", Tensor.of(WT, M, C, K, K)).initializer("b", Tensor.of(BIAS, M))
                .initializer("fc", Tensor.of(FC, M, OUT)).initializer("fcb", Tensor.of(FCB, OUT))
                .node("Conv", List.of("x", "w", "b"), List.of("c"), ModelBuilder.intsAttr("pads", 1, 1, 1, 1))
                .node("Relu", List.of("c"), List.of("r"))
                .node("GlobalAveragePool", List.of("r"), List.of("g"))
                .node("Flatten", List.of("g"), List.of("f"))
                .node("Gemm", List.of("f", "fc", "fcb"), List.of("y"))
                .bytes();
    }

    static float[] reference(float[] x, int n) {
        float[] r = Patterns.relu(Patterns.conv(x, n, C, S, S, WT, BIAS, M, K, 1));
        float[] g = new float[n * M];
        for (int i = 0; i < n * M; i++) {
            double s = 0;
            for (int p = 0; p < S * S; p++) s += r[i * S * S + p];
            g[i] = (float) (s / (S * S));
        }
        return Patterns.dense(g, n, M, FC, FCB, OUT);
    }

    @Test
    void batchFiveRowsEqualBatchOneRuns() {
        byte[] model = Patterns.committed("dynamic_batch_cnn", build());
        int n = 5, per = C * S * S;
        float[] x = Patterns.random(new Random(4), n * per);
        float[] expected = reference(x, n);
        for (OptimizationLevel level : Patterns.LEVELS) {
            try (Session s = Patterns.session(model, level)) {
                float[][] single = new float[n][];
                for (int b = 0; b < n; b++) {
                    Tensor y1 = s.run(Map.of("x", Tensor.of(Arrays.copyOfRange(x, b * per, (b + 1) * per), 1, C, S, S))).get("y");
                    assertThat(y1.shape()).containsExactly(1, OUT);
                    single[b] = y1.floats();
                    Patterns.assertClose("batch-1 run " + b + " at " + level, single[b], Arrays.copyOfRange(expected, b * OUT, (b + 1) * OUT));
                }
                Tensor y5 = s.run(Map.of("x", Tensor.of(x, n, C, S, S))).get("y");
                assertThat(y5.shape()).containsExactly(n, OUT);
                float[] all = y5.floats();
                for (int b = 0; b < n; b++) {
                    Patterns.assertClose("batch-5 row " + b + " vs batch-1 at " + level, Arrays.copyOfRange(all, b * OUT, (b + 1) * OUT), single[b]);
                }
                // And back to batch 1 after batch 5 (no stale shape state).
                Tensor again = s.run(Map.of("x", Tensor.of(Arrays.copyOfRange(x, 2 * per, 3 * per), 1, C, S, S))).get("y");
                Patterns.assertClose("batch-1 again at " + level, again.floats(), single[2]);
            }
        }
    }
}
