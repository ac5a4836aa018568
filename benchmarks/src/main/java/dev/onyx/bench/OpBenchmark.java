package dev.onyx.bench;

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

import java.util.concurrent.TimeUnit;

/**
 * Single operators (Gemm 1024^3, Conv 3x3 64->64 on 56x56, depthwise Conv 3x3 on 32x112x112), Onyx
 * and ONNX Runtime in the same run; the setup checks Onyx against ONNX Runtime first.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xss8m"})
public class OpBenchmark {
    @Param({"gemm_1024", "conv3x3_64x56", "dwconv3x3_32x112"})
    public String op;

    @Param({"1", "2"})
    public int threads;

    @Param({"onyx", "ort"})
    public String engine;

    private Engine runner;

    @Setup(Level.Trial)
    public void setUp() {
        OpModels.OpModel m = OpModels.create(op);
        runner = Engine.create(engine, m.bytes(), m.inputName(), m.input(), threads);
        if (engine.equals("onyx")) {
            try (Engine ref = Engine.create("ort", m.bytes(), m.inputName(), m.input(), threads)) {
                Check.close("onyx " + op, ref.run(), runner.run(), 1e-3, 1e-3);
            }
        }
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
