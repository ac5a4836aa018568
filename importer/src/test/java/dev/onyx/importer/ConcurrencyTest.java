package dev.onyx.importer;

import dev.onyx.Onnx;
import dev.onyx.UnsupportedModelException;
import dev.onyx.Session;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** One session shared by many threads: outputs equal the single-threaded ones bit for bit; close is safe. */
class ConcurrencyTest {
    private static final int THREADS = 16;
    private static final int RUNS = 1000;

    private static int[] bits(Tensor t) {
        float[] f = t.floats();
        int[] b = new int[f.length];
        for (int i = 0; i < f.length; i++) b[i] = Float.floatToRawIntBits(f[i]);
        return b;
    }

    @Test
    void sixteenThreadsMatchSingleThreadedBitForBit() throws Exception {
        try (Session s = Onnx.load(TestModels.cnn())) {
            // different inputs per run, batch 1 to 3 so that symbolic shapes vary too
            int[][][] expected = new int[THREADS][RUNS][];
            for (int t = 0; t < THREADS; t++) {
                for (int i = 0; i < RUNS; i++) {
                    Tensor x = TestModels.randomInput(t * 100_000L + i, 1 + (i % 3));
                    expected[t][i] = bits(s.run(Map.of("x", x)).get("y"));
                }
            }
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    start.await();
                    int mismatches = 0;
                    for (int i = 0; i < RUNS; i++) {
                        Tensor x = TestModels.randomInput(thread * 100_000L + i, 1 + (i % 3));
                        if (!Arrays.equals(expected[thread][i], bits(s.run(Map.of("x", x)).get("y")))) mismatches++;
                    }
                    return mismatches;
                }));
            }
            start.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(5, TimeUnit.MINUTES)).as("all runs finish").isTrue();
            for (Future<Integer> f : results) assertThat(f.get()).as("outputs differing from single-threaded").isZero();
        }
    }

    @Test
    void theBundledCnnSharedBySixteenThreads() throws Exception {
        Path file = Path.of("..", "cli", "src", "main", "resources", "dev", "onyx", "cli", "bundled", "small_cnn.onnx");
        Assumptions.assumeTrue(Files.exists(file), "the bundled model is at " + file.toAbsolutePath());
        Session loaded;
        try {
            loaded = Onnx.load(file);
        } catch (UnsupportedModelException e) {
            Assumptions.abort("the bundled CNN needs operators not on this branch: " + e.getMessage());
            return;
        }
        try (Session s = loaded) {
            int runs = 100;
            Random r = new Random(11);
            Tensor[] inputs = new Tensor[THREADS * runs];
            int[][] expected = new int[inputs.length][];
            for (int i = 0; i < inputs.length; i++) {
                float[] x = new float[3 * 32 * 32];
                for (int k = 0; k < x.length; k++) x[k] = (float) r.nextGaussian();
                inputs[i] = Tensor.of(x, 1, 3, 32, 32);
                expected[i] = bits(s.run(Map.of("input", inputs[i])).values().iterator().next());
            }
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    int mismatches = 0;
                    for (int i = thread * runs; i < (thread + 1) * runs; i++) {
                        int[] got = bits(s.run(Map.of("input", inputs[i])).values().iterator().next());
                        if (!Arrays.equals(expected[i], got)) mismatches++;
                    }
                    return mismatches;
                }));
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
            for (Future<Integer> f : results) assertThat(f.get()).isZero();
        }
    }

    @Test
    void closingWhileRunsAreInFlightEndsEachRunCleanly() throws Exception {
        Session s = Onnx.load(TestModels.cnn());
        Tensor x = TestModels.randomInput(1, 2);
        int[] expected = bits(s.run(Map.of("x", x)).get("y"));
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        CountDownLatch running = new CountDownLatch(8);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread th = new Thread(() -> {
                running.countDown();
                while (true) {
                    try {
                        int[] got = bits(s.run(Map.of("x", x)).get("y"));
                        if (!Arrays.equals(expected, got)) unexpected.add(new AssertionError("wrong output"));
                        completed.incrementAndGet();
                    } catch (IllegalStateException e) {
                        if (!e.getMessage().startsWith("<bytes>: the session ")) unexpected.add(e);
                        refused.incrementAndGet();
                        return;
                    } catch (Throwable e) {
                        unexpected.add(e);
                        return;
                    }
                }
            });
            threads.add(th);
            th.start();
        }
        running.await();
        while (completed.get() < 50) Thread.onSpinWait();
        s.close();
        for (Thread th : threads) {
            th.join(TimeUnit.SECONDS.toMillis(60));
            if (th.isAlive()) fail("a run is still going 60 s after close");
        }
        assertThat(unexpected).isEmpty();
        assertThat(refused.get()).isEqualTo(8);
        assertThat(completed.get()).isGreaterThanOrEqualTo(50);
    }

    @Test
    void aClosedSessionKeepsNothingReachable() throws Exception {
        Session s = Onnx.load(TestModels.cnn());
        s.run(Map.of("x", TestModels.randomInput(3, 1)));
        WeakReference<Object> model = new WeakReference<>(s.model());
        s.close();
        // the closed session is still referenced here, but its model and weights are not
        for (int i = 0; i < 50 && model.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(model.get()).as("model of a closed session collected").isNull();
        assertThat(s.inputs()).hasSize(1);
        WeakReference<Session> session = new WeakReference<>(s);
        s = null;
        for (int i = 0; i < 50 && session.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(session.get()).as("session collected").isNull();
    }
}
