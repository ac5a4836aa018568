package dev.onyx.conformance;

import dev.onyx.Onnx;
import dev.onyx.Session;
import dev.onyx.SessionOptions;
import dev.onyx.SessionOptions.OptimizationLevel;
import dev.onyx.importer.TensorFiles;
import dev.onyx.ir.Graph;
import dev.onyx.ir.ValueInfo;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The buffer pool on the real models of ../shared/models: runs of a session whose pool hands out arrays
 * filled with NaN (a missed element would show) give, bit for bit, the outputs of a session without pool;
 * outputs held by the caller are not touched by later runs; concurrent runs agree too. Skipped when the
 * folder is absent.
 */
class BufferPoolModelsTest {
    private static final String POISON = "onyx.bufferPool.poison";

    @TestFactory
    Stream<DynamicTest> pooledRunsMatchUnpooledBitForBit() {
        Path dir = CaseDiscovery.sharedModels();
        Assumptions.assumeTrue(Files.isDirectory(dir),
                "buffer-pool model tests skipped: folder ../shared/models is absent (looked for " + dir + ")");
        List<TestCase> cases = CaseDiscovery.discover(new CaseDiscovery.Root("models", dir));
        assertThat(cases).as(dir + " holds model cases").isNotEmpty();
        return Stream.of(OptimizationLevel.NONE, OptimizationLevel.ALL).flatMap(level -> cases.stream().map(c ->
                DynamicTest.dynamicTest(c.name() + " [" + level + "]", c.dir().toUri(), () -> check(c, level))));
    }

    private static void check(TestCase c, OptimizationLevel level) throws Exception {
        SessionOptions base = SessionOptions.defaults().withOptimizationLevel(level).withThreads(2);
        List<Map<String, Tensor>> inputs = inputs(c);
        List<Map<String, Tensor>> expected = new ArrayList<>();
        try (Session plain = Onnx.load(c.model(), base.withBufferPoolBytes(0))) {
            for (Map<String, Tensor> in : inputs) expected.add(copy(plain.run(in)));
        }
        assertThat(expected.get(0)).isNotEmpty();
        Session pooled;
        System.setProperty(POISON, "true");
        try {
            pooled = Onnx.load(c.model(), base);
        } finally {
            System.clearProperty(POISON);
        }
        try (pooled) {
            // held across all later runs: must never change
            Map<String, Tensor> first = pooled.run(inputs.get(0));
            assertSame(c + " run 1", expected.get(0), first);
            for (int round = 0; round < 3; round++) {
                for (int i = inputs.size() - 1; i >= 0; i--) {
                    assertSame(c + " round " + round + " input " + i, expected.get(i), pooled.run(inputs.get(i)));
                }
            }
            assertSame(c + " run 1 output after later runs", expected.get(0), first);
            // concurrent runs, each with its own arena
            ExecutorService threads = Executors.newFixedThreadPool(3);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 3; t++) {
                    int thread = t;
                    done.add(threads.submit(() -> {
                        for (int r = 0; r < 4; r++) {
                            int i = (thread + r) % inputs.size();
                            assertSame(c + " thread " + thread + " run " + r, expected.get(i), pooled.run(inputs.get(i)));
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) f.get();
            } finally {
                threads.shutdown();
            }
        }
    }

    /** Every test_data_set input, plus a perturbed copy of the first so that consecutive runs differ. */
    private static List<Map<String, Tensor>> inputs(TestCase c) throws Exception {
        List<String> feeds = new ArrayList<>();
        try (Session s = Onnx.load(c.model(), SessionOptions.defaults().withOptimizationLevel(OptimizationLevel.NONE))) {
            Graph g = s.model().graph();
            for (ValueInfo in : g.inputs()) if (!g.initializers().containsKey(in.name())) feeds.add(in.name());
        }
        List<Map<String, Tensor>> all = new ArrayList<>();
        for (Path set : c.dataSets()) {
            Map<String, Tensor> in = new LinkedHashMap<>();
            List<Path> files = TestCase.numbered(set, "input");
            for (int i = 0; i < files.size(); i++) in.put(feeds.get(i), TensorFiles.read(files.get(i)).tensor());
            all.add(in);
        }
        Map<String, Tensor> perturbed = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : all.get(0).entrySet()) {
            Tensor t = e.getValue();
            if (t.dtype() == DType.FLOAT) {
                float[] f = t.floats();
                for (int i = 0; i < f.length; i++) f[i] = f[i] * 0.75f + 0.125f * (float) Math.sin(i);
                t = Tensor.of(f, t.shape());
            }
            perturbed.put(e.getKey(), t);
        }
        all.add(perturbed);
        return all;
    }

    private static Map<String, Tensor> copy(Map<String, Tensor> out) {
        Map<String, Tensor> c = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : out.entrySet()) {
            Tensor t = e.getValue();
            c.put(e.getKey(), t.dtype() == DType.FLOAT ? Tensor.of(t.floats(), t.shape()) : t);
        }
        return c;
    }

    private static void assertSame(String what, Map<String, Tensor> expected, Map<String, Tensor> actual) {
        assertThat(actual.keySet()).as(what).containsExactlyElementsOf(expected.keySet());
        for (String name : expected.keySet()) {
            Tensor e = expected.get(name), a = actual.get(name);
            assertThat(a).as(what + ": output '" + name + "'").isEqualTo(e);
            if (e.dtype() == DType.FLOAT) {
                float[] ef = e.floats(), af = a.floats();
                for (int i = 0; i < ef.length; i++) {
                    assertThat(Float.isFinite(ef[i])).as(what + ": reference output '" + name + "' is finite at " + i).isTrue();
                    if (Float.floatToRawIntBits(af[i]) != Float.floatToRawIntBits(ef[i])) {
                        throw new AssertionError(what + ": output '" + name + "' element " + i + ": expected "
                                + ef[i] + ", got " + af[i]);
                    }
                }
            }
        }
    }
}
