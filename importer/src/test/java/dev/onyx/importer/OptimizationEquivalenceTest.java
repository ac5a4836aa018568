package dev.onyx.importer;

import dev.onyx.Onnx;
import dev.onyx.Session;
import dev.onyx.SessionOptions;
import dev.onyx.SessionOptions.OptimizationLevel;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** A model with every fusion pattern gives the same outputs at level NONE and at ALL, and ALL really fused it. */
class OptimizationEquivalenceTest {
    private static Tensor random(Random r, int... shape) {
        int n = 1;
        for (int d : shape) n *= d;
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) r.nextGaussian();
        return Tensor.of(v, shape);
    }

    private static byte[] model() {
        Random r = new Random(5);
        return ModelBuilder.create().opset(17)
                .input("x", DType.FLOAT, 1, 4, 6, 6).output("y", DType.FLOAT, 1, 10)
                .initializer("w1", random(r, 4, 4, 3, 3)).initializer("b1", random(r, 4))
                .initializer("gamma", Tensor.of(new float[] {1.2f, 0.8f, 1f, 1.5f}, 4))
                .initializer("beta", random(r, 4)).initializer("mean", random(r, 4))
                .initializer("var", Tensor.of(new float[] {0.5f, 1f, 2f, 0.7f}, 4))
                .initializer("w2", random(r, 4, 4, 1, 1))
                .initializer("w3", random(r, 4, 4, 3, 3))
                .initializer("lo", Tensor.scalar(0f)).initializer("hi", Tensor.scalar(6f))
                .initializer("fc", random(r, 144, 10)).initializer("fcb", random(r, 10))
                // Conv + BN + Relu
                .node("Conv", List.of("x", "w1", "b1"), List.of("c1"), ModelBuilder.intsAttr("pads", 1, 1, 1, 1))
                .node("BatchNormalization", List.of("c1", "gamma", "beta", "mean", "var"), List.of("bn1"))
                .node("Relu", List.of("bn1"), List.of("r1"))
                // 1x1 Conv + residual Add + Relu
                .node("Conv", List.of("r1", "w2"), List.of("c2"))
                .node("Add", List.of("c2", "r1"), List.of("s2"))
                .node("Relu", List.of("s2"), List.of("r2"))
                // Conv + Clip (ReLU6), then x * sigmoid(x)
                .node("Conv", List.of("r2", "w3"), List.of("c3"), ModelBuilder.intsAttr("pads", 1, 1, 1, 1))
                .node("Clip", List.of("c3", "lo", "hi"), List.of("k3"))
                .node("Conv", List.of("k3", "w2"), List.of("c4"))
                .node("Sigmoid", List.of("c4"), List.of("g4"))
                .node("Mul", List.of("c4", "g4"), List.of("m4"))
                .node("Flatten", List.of("m4"), List.of("f"))
                // MatMul + Add (-> Gemm) + Relu, Dropout at inference
                .node("MatMul", List.of("f", "fc"), List.of("mm"))
                .node("Add", List.of("mm", "fcb"), List.of("lin"))
                .node("Relu", List.of("lin"), List.of("act"))
                .node("Dropout", List.of("act"), List.of("y"))
                .bytes();
    }

    @Test
    void sameOutputsAtNoneAndAll() {
        byte[] m = model();
        Tensor x = random(new Random(9), 1, 4, 6, 6);
        try (Session none = Onnx.load(m, SessionOptions.defaults().withOptimizationLevel(OptimizationLevel.NONE));
             Session all = Onnx.load(m, SessionOptions.defaults().withOptimizationLevel(OptimizationLevel.ALL))) {
            float[] a = none.run(Map.of("x", x)).get("y").floats();
            float[] b = all.run(Map.of("x", x)).get("y").floats();
            assertThat(b).hasSameSizeAs(a);
            for (int i = 0; i < a.length; i++) {
                assertThat((double) b[i]).as("y[%d]", i).isCloseTo(a[i], org.assertj.core.data.Offset.offset(1e-4 + 1e-4 * Math.abs(a[i])));
            }
            assertThat(all.optimizedGraph().nodes()).extracting(n -> n.opType())
                    .doesNotContain("BatchNormalization", "Relu", "Clip", "Sigmoid", "Mul", "MatMul", "Dropout", "Add");
            assertThat(all.rewrites()).extracting(w -> w.pass())
                    .contains("FoldBatchNormIntoConv", "FuseConvAddRelu", "FuseConvActivation", "MatMulAddToGemm", "FuseGemmActivation");
        }
    }
}
