package dev.onyx.bench;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The FMA peak this JVM reaches on one core: 12 independent vector accumulators (enough to hide the
 * FMA latency), {@link #FMAS_PER_CALL} fused multiply-adds per call. GFLOP/s = 2 * lanes * FMAS_PER_CALL
 * / (ms per call * 1e6); {@link SideBySide} prints it and the GEMM benchmark's fraction of it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class FmaPeakBenchmark {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int ROUNDS = 1 << 20;
    /** Vector FMAs per call (12 accumulators x ROUNDS). */
    public static final long FMAS_PER_CALL = 12L * ROUNDS;

    private final float[] seed = {1.0000001f, 0.9999999f, 1e-7f};

    /** Floating-point operations per call: 2 per lane per FMA. */
    public static double flopsPerCall() { return 2.0 * S.length() * FMAS_PER_CALL; }

    @Benchmark
    public float fmaPeak() {
        FloatVector a = FloatVector.broadcast(S, seed[0]);
        FloatVector b = FloatVector.broadcast(S, seed[2]);
        FloatVector c0 = FloatVector.broadcast(S, seed[1]), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0;
        FloatVector c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
        for (int i = 0; i < ROUNDS; i++) {
            c0 = c0.fma(a, b); c1 = c1.fma(a, b); c2 = c2.fma(a, b); c3 = c3.fma(a, b);
            c4 = c4.fma(a, b); c5 = c5.fma(a, b); c6 = c6.fma(a, b); c7 = c7.fma(a, b);
            c8 = c8.fma(a, b); c9 = c9.fma(a, b); c10 = c10.fma(a, b); c11 = c11.fma(a, b);
        }
        FloatVector s = c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11);
        return s.lane(0);
    }
}
