package dev.onyx.importer;

import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;

import java.util.List;
import java.util.Random;

/** Small real models for the concurrency, memory and limit tests. */
final class TestModels {
    private TestModels() {}

    /** Conv (with bias) + Relu + MaxPool + Softmax over x [N,2,6,6], deterministic weights. */
    static byte[] cnn() {
        Random r = new Random(7);
        float[] w = new float[3 * 2 * 3 * 3];
        for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian();
        float[] b = {0.1f, -0.2f, 0.3f};
        return ModelBuilder.create()
                .input("x", DType.FLOAT, "N", 2, 6, 6)
                .output("y", DType.FLOAT, "N", 3, 3, 3)
                .initializer("w", Tensor.of(w, 3, 2, 3, 3))
                .initializer("b", Tensor.of(b, 3))
                .node("Conv", List.of("x", "w", "b"), List.of("c"), ModelBuilder.intsAttr("pads", 1, 1, 1, 1))
                .node("Relu", List.of("c"), List.of("r"))
                .node("MaxPool", List.of("r"), List.of("p"), ModelBuilder.intsAttr("kernel_shape", 2, 2),
                        ModelBuilder.intsAttr("strides", 2, 2))
                .node("Softmax", List.of("p"), List.of("y"), ModelBuilder.intAttr("axis", 1))
                .bytes();
    }

    /** y = relu(x * 2 + 1) over x [4]. */
    static byte[] tiny() {
        return ModelBuilder.create()
                .input("x", DType.FLOAT, 4)
                .output("y", DType.FLOAT, 4)
                .initializer("two", Tensor.of(new float[] {2}, 1))
                .initializer("one", Tensor.of(new float[] {1}, 1))
                .node("Mul", List.of("x", "two"), List.of("m"))
                .node("Add", List.of("m", "one"), List.of("a"))
                .node("Relu", List.of("a"), List.of("y"))
                .bytes();
    }

    static Tensor randomInput(long seed, int batch) {
        Random r = new Random(seed);
        float[] x = new float[batch * 2 * 6 * 6];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        return Tensor.of(x, batch, 2, 6, 6);
    }
}
