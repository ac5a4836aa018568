package dev.onyx.bench;

import dev.onyx.importer.TensorFiles;
import dev.onyx.tensor.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Whole models from ../shared/models, batch 1, Onyx and ONNX Runtime in the same run. The setup
 * checks each engine's output against the reference output_0.pb before anything is timed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xss8m"})
public class ModelBenchmark {
    @Param({"resnet18_bn", "mobilenet_v2_bn", "squeezenet1_1"})
    public String model;

    @Param({"1", "2"})
    public int threads;

    @Param({"onyx", "ort"})
    public String engine;

    private Engine runner;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path dir = SharedModels.dir(model);
        Tensor input = TensorFiles.read(dir.resolve("test_data_set_0/input_0.pb")).tensor();
        Tensor expected = TensorFiles.read(dir.resolve("test_data_set_0/output_0.pb")).tensor();
        runner = Engine.create(engine, Files.readAllBytes(dir.resolve("model.onnx")), "input", input, threads);
        Check.close(engine + " " + model, expected.floats(), runner.run(), 1e-3, 1e-4);
    }

    @Benchmark
    public float[] run() {
        return runner.run();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        runner.close();
    }
}
