package dev.onyx.importer;

import dev.onyx.Onnx;
import dev.onyx.Session;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
