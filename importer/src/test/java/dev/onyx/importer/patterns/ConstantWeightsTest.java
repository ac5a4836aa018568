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

/** Conv and Gemm weights delivered by Constant nodes give the initializer version's result; ALL folds them. */
class ConstantWeightsTest {
    static final int C = 3, S = 5, M = 2, K = 3, OUT = 4, FLAT = M * S * S;
    static final Random R = new Random(51);
    static final float[] WT = Patterns.random(R, M * C * K * K);
    static final float[] BIAS = Patterns.random(R, M);
    static final float[] FC = Patterns.random(R, OUT * FLAT);   // [OUT][FLAT], used with transB=1
    static final float[] FCB = Patterns.random(R, OUT);

    static ModelBuilder common(ModelBuilder b) {
        return b.opset(17).input("x", DType.FLOAT, 1, C, S, S).output("y", DType.FLOAT, 1, OUT);
    }

    static ModelBuilder body(ModelBuilder b) {
        return b.node("Conv", List.of("x", "w", "b"), List.of("c"), ModelBuilder.intsAttr("pads", 1, 1, 1, 1))
                .node("Relu", List.of("c"), List.of("r"))
                .node("Flatten", List.of("r"), List.of("f"))
                .node("Gemm", List.of("f", "fc", "fcb"), List.of("y"), ModelBuilder.intAttr("transB", 1));
    }

    static byte[] buildWithConstants() {
        ModelBuilder b = common(ModelBuilder.create())
                .node("Constant", List.of(), List.of("w"), ModelBuilder.tensorAttr("value", Tensor.of(WT, M, C, K, K)))
                .node("Constant", List.of(), List.of("b"), ModelBuilder.tensorAttr("value", Tensor.of(BIAS, M)))
                .node("Constant", List.of(), List.of("fc"), ModelBuilder.tensorAttr("value", Tensor.of(FC, OUT, FLAT)))
                .node("Constant", List.of(), List.of("fcb"), ModelBuilder.tensorAttr("value", Tensor.of(FCB, OUT)));
        return body(b).bytes();
    }

    static byte[] buildWithInitializers() {
        return body(common(ModelBuilder.create())
                .initializer("w", Tensor.of(WT, M, C, K, K)).initializer("b", Tensor.of(BIAS, M))
                .initializer("fc", Tensor.of(FC, OUT, FLAT)).initializer("fcb", Tensor.of(FCB, OUT))).bytes();
    }

    static float[] reference(float[] x) {
        float[] f = Patterns.relu(Patterns.conv(x, 1, C, S, S, WT, BIAS, M, K, 1));
        float[] y = new float[OUT];
        for (int o = 0; o < OUT; o++) {
            double s = FCB[o];
            for (int i = 0; i < FLAT; i++) s += f[i] * FC[o * FLAT + i];
            y[o] = (float) s;
        }
        return y;
    }

    @Test
    void sameAsInitializersAndFoldedAtAll() {
        byte[] constants = Patterns.committed("constant_weights", buildWithConstants());
        byte[] initializers = buildWithInitializers();
        float[] x = Patterns.random(new Random(7), C * S * S);
        float[] expected = reference(x);
        for (OptimizationLevel level : Patterns.LEVELS) {
            try (Session sc = Patterns.session(constants, level); Session si = Patterns.session(initializers, level)) {
                Tensor in = Tensor.of(x, 1, C, S, S);
                float[] yc = sc.run(Map.of("x", in)).get("y").floats();
                float[] yi = si.run(Map.of("x", in)).get("y").floats();
                Patterns.assertClose("constant-node y at " + level, yc, expected);
                Patterns.assertClose("constant-node vs initializer y at " + level, yc, yi);
                if (level == OptimizationLevel.ALL) {
                    assertThat(sc.optimizedGraph().nodes()).extracting(n -> n.opType()).doesNotContain("Constant");
                    assertThat(sc.rewrites()).filteredOn(w -> w.pass().equals("FoldConstants")).hasSizeGreaterThanOrEqualTo(4);
                } else {
                    assertThat(sc.optimizedGraph().nodes()).filteredOn(n -> n.opType().equals("Constant")).hasSize(4);
                }
            }
        }
    }
}
