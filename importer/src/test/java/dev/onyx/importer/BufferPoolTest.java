package dev.onyx.importer;

import dev.onyx.Onnx;
import dev.onyx.Session;
import dev.onyx.SessionOptions;
import dev.onyx.SessionOptions.OptimizationLevel;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session's buffer pool: intermediates are recycled between ops and runs, but never an array that a
 * live value, a graph output or the caller still holds; ops write every element of pooled storage.
 */
class BufferPoolTest {
    private static final String POISON = "onyx.bufferPool.poison";

    /** A session whose pool hands out arrays filled with NaN / garbage. */
    private static Session poisoned(byte[] model, SessionOptions options) {
        System.setProperty(POISON, "true");
        try {
            return Onnx.load(model, options);
        } finally {
            System.clearProperty(POISON);
        }
    }

    private static float[] values(long seed, int n) {
        Random r = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) r.nextGaussian();
        return x;
    }

    /**
     * r = Relu(x) is read by a Reshape (graph output 'view', sharing r's array) and an Identity whose
     * value feeds Add; after Add no slot names r's array but the output 'view' still holds it, and the
     * next ops (Mul, Add) want arrays of the same length.
     */
    private static byte[] aliasing() {
        return ModelBuilder.create()
                .input("x", DType.FLOAT, 2, 3)
                .output("view", DType.FLOAT, 3, 2)
                .output("y", DType.FLOAT, 2, 3)
                .initializer("shape", Tensor.of(new long[] {3, 2}, 2))
                .node("Relu", List.of("x"), List.of("r"))
                .node("Reshape", List.of("r", "shape"), List.of("view"))
                .node("Identity", List.of("r"), List.of("id"))
                .node("Add", List.of("id", "x"), List.of("s"))
                .node("Mul", List.of("s", "s"), List.of("m"))
                .node("Add", List.of("m", "x"), List.of("y"))
                .bytes();
    }

    @ParameterizedTest
    @EnumSource(OptimizationLevel.class)
    void anIntermediateAliasingAGraphOutputIsNotRecycled(OptimizationLevel level) {
        try (Session s = poisoned(aliasing(), SessionOptions.defaults().withOptimizationLevel(level).withThreads(1))) {
            List<Map<String, Tensor>> held = new ArrayList<>();
            List<float[]> inputs = new ArrayList<>();
            for (int run = 0; run < 4; run++) {
                float[] x = values(run, 6);
                inputs.add(x);
                held.add(s.run(Map.of("x", Tensor.of(x, 2, 3))));
            }
            for (int run = 0; run < 4; run++) {
                float[] x = inputs.get(run);
                float[] view = new float[6], y = new float[6];
                for (int i = 0; i < 6; i++) {
                    float r = Math.max(x[i], 0f);
                    float sum = r + x[i];
                    view[i] = r;
                    y[i] = sum * sum + x[i];
                }
                assertThat(held.get(run).get("view").shape()).containsExactly(3, 2);
                assertThat(held.get(run).get("view").floats()).as("run %d view", run).containsExactly(view);
                assertThat(held.get(run).get("y").floats()).as("run %d y", run).containsExactly(y);
            }
        }
    }

    /** A graph output that is also read by later ops through a view: Reshape(out) feeds the rest. */
    @Test
    void aGraphOutputReadThroughAViewIsNotRecycled() {
        byte[] model = ModelBuilder.create()
                .input("x", DType.FLOAT, 4)
                .output("a", DType.FLOAT, 4)
                .output("z", DType.FLOAT, 4)
                .initializer("shape", Tensor.of(new long[] {2, 2}, 2))
                .initializer("back", Tensor.of(new long[] {4}, 1))
                .node("Neg", List.of("x"), List.of("a"))
                .node("Reshape", List.of("a", "shape"), List.of("v"))
                .node("Relu", List.of("v"), List.of("q"))
                .node("Reshape", List.of("q", "back"), List.of("q1"))
                .node("Mul", List.of("q1", "x"), List.of("z"))
                .bytes();
        try (Session s = poisoned(model, SessionOptions.defaults().withThreads(1))) {
            Map<String, Tensor> first = s.run(Map.of("x", Tensor.of(new float[] {1, -2, 3, -4}, 4)));
            Map<String, Tensor> second = s.run(Map.of("x", Tensor.of(new float[] {5, 6, -7, 8}, 4)));
            assertThat(first.get("a").floats()).containsExactly(-1, 2, -3, 4);
            assertThat(first.get("z").floats()).containsExactly(0, -4, 0, -16);
            assertThat(second.get("a").floats()).containsExactly(-5, -6, 7, -8);
            assertThat(second.get("z").floats()).containsExactly(0, 0, -49, 0);
        }
    }

    @Test
    void outputsHandedToTheCallerAreNeverOverwrittenByLaterRuns() {
        try (Session pooled = Onnx.load(TestModels.cnn(), SessionOptions.defaults().withThreads(1));
             Session plain = Onnx.load(TestModels.cnn(), SessionOptions.defaults().withThreads(1).withBufferPoolBytes(0))) {
            Tensor x1 = TestModels.randomInput(1, 2);
            Tensor out1 = pooled.run(Map.of("x", x1)).get("y");
            float[] snapshot = out1.floats();
            Tensor expected1 = plain.run(Map.of("x", x1)).get("y");
            assertThat(out1).isEqualTo(expected1);
            for (int run = 2; run < 20; run++) {
                Tensor x = TestModels.randomInput(run, 2);
                assertThat(pooled.run(Map.of("x", x)).get("y")).isEqualTo(plain.run(Map.of("x", x)).get("y"));
            }
            // the held output's storage still has run 1's values
            assertThat((float[]) out1.storage()).containsExactly(snapshot);
            assertThat(out1).isEqualTo(expected1);
        }
    }

    @Test
    void theCallersInputIsNeverRecycledNorWritten() {
        // y = Relu(x): x's array is released after Relu but is the caller's
        byte[] model = ModelBuilder.create()
                .input("x", DType.FLOAT, 3)
                .output("y", DType.FLOAT, 3)
                .node("Relu", List.of("x"), List.of("r"))
                .node("Neg", List.of("r"), List.of("n"))
                .node("Abs", List.of("n"), List.of("y"))
                .bytes();
        try (Session s = poisoned(model, SessionOptions.defaults().withThreads(1))) {
            Tensor x = Tensor.of(new float[] {-1, 2, -3}, 3);
            for (int i = 0; i < 3; i++) assertThat(s.run(Map.of("x", x)).get("y").floats()).containsExactly(0, 2, 0);
            assertThat(x.floats()).containsExactly(-1, 2, -3);
        }
    }

    @Test
    void concurrentPoisonedRunsWithVaryingShapesMatchUnpooledRuns() throws Exception {
        try (Session plain = Onnx.load(TestModels.cnn(), SessionOptions.defaults().withBufferPoolBytes(0));
             Session pooled = poisoned(TestModels.cnn(), SessionOptions.defaults().withThreads(2))) {
            int threads = 6, runs = 200;
            Tensor[][] expected = new Tensor[threads][runs];
            for (int t = 0; t < threads; t++) {
                for (int i = 0; i < runs; i++) {
                    expected[t][i] = plain.run(Map.of("x", TestModels.randomInput(t * 1000L + i, 1 + i % 3))).get("y");
                }
            }
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<Integer>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    results.add(pool.submit(() -> {
                        int mismatches = 0;
                        for (int i = 0; i < runs; i++) {
                            Tensor y = pooled.run(Map.of("x", TestModels.randomInput(thread * 1000L + i, 1 + i % 3))).get("y");
                            if (!y.equals(expected[thread][i])) mismatches++;
                        }
                        return mismatches;
                    }));
                }
                for (Future<Integer> f : results) assertThat(f.get()).as("runs differing from the unpooled session").isZero();
            } finally {
                pool.shutdown();
            }
        }
    }

    /** Conv-Relu-Conv-Add-Relu-MaxPool-GlobalAveragePool-Flatten-Gemm-Softmax on [1, 8, 32, 32]. */
    private static byte[] block() {
        Random r = new Random(3);
        float[] w1 = new float[8 * 8 * 9], w2 = new float[8 * 8 * 9], g = new float[10 * 8];
        for (float[] w : new float[][] {w1, w2, g}) for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian() * 0.2f;
        return ModelBuilder.create()
                .input("x", DType.FLOAT, 1, 8, 32, 32)
                .output("y", DType.FLOAT, 1, 10)
                .initializer("w1", Tensor.of(w1, 8, 8, 3, 3))
                .initializer("w2", Tensor.of(w2, 8, 8, 3, 3))
                .initializer("g", Tensor.of(g, 10, 8))
                .node("Conv", List.of("x", "w1"), List.of("c1"), ModelBuilder.intsAttr("pads", 1, 1, 1, 1))
                .node("Relu", List.of("c1"), List.of("r1"))
                .node("Conv", List.of("r1", "w2"), List.of("c2"), ModelBuilder.intsAttr("pads", 1, 1, 1, 1))
                .node("Add", List.of("c2", "x"), List.of("s"))
                .node("Relu", List.of("s"), List.of("r2"))
                .node("MaxPool", List.of("r2"), List.of("p"), ModelBuilder.intsAttr("kernel_shape", 2, 2),
                        ModelBuilder.intsAttr("strides", 2, 2))
                .node("GlobalAveragePool", List.of("p"), List.of("gp"))
                .node("Flatten", List.of("gp"), List.of("f"))
                .node("Gemm", List.of("f", "g"), List.of("o"), ModelBuilder.intAttr("transB", 1))
                .node("Softmax", List.of("o"), List.of("y"), ModelBuilder.intAttr("axis", 1))
                .bytes();
    }

    /**
     * Bytes allocated per run once warm: the least over several windows, since until C2 has compiled the
     * Vector API kernels (slower on a loaded machine) each vector operation allocates a box.
     */
    private static long allocatedPerRun(Session s, Map<String, Tensor> in) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 300; i++) s.run(in);
        int runs = 50;
        long least = Long.MAX_VALUE;
        for (int window = 0; window < 8; window++) {
            long before = mx.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < runs; i++) s.run(in);
            least = Math.min(least, (mx.getCurrentThreadAllocatedBytes() - before) / runs);
        }
        return least;
    }

    @ParameterizedTest
    @EnumSource(value = OptimizationLevel.class, names = {"NONE", "ALL"})
    void afterWarmUpARunAllocatesNoTensorSizedArrays(OptimizationLevel level) {
        Map<String, Tensor> in = Map.of("x", Tensor.of(values(9, 8 * 32 * 32), 1, 8, 32, 32));
        SessionOptions options = SessionOptions.defaults().withOptimizationLevel(level).withThreads(1);
        try (Session pooled = Onnx.load(block(), options);
             Session plain = Onnx.load(block(), options.withBufferPoolBytes(0))) {
            assertThat(pooled.run(in).get("y")).isEqualTo(plain.run(in).get("y"));
            long withPool = allocatedPerRun(pooled, in);
            long without = allocatedPerRun(plain, in);
            int tensorBytes = 8 * 32 * 32 * 4;
            // without pool: every conv (fused or not), relu and add output (32 KiB each) is new
            assertThat(without).as("bytes per run without pool").isGreaterThan(2L * tensorBytes);
            // with pool: only small objects (shapes, lists, tensor headers), less than half a tensor
            assertThat(withPool).as("bytes per run with pool (without: %d)", without).isLessThan(tensorBytes / 2);
        }
    }
}
