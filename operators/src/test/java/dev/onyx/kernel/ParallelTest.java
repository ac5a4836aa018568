package dev.onyx.kernel;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parallel: every index once, on the workers too, failures rethrown, nesting and concurrent callers safe, idle workers park. */
class ParallelTest {
    @Test
    void everyIndexRunsOnceAndTheWorkersTakeAShare() {
        try (Parallel par = Parallel.create(3)) {
            Set<String> threads = ConcurrentHashMap.newKeySet();
            for (int round = 0; round < 200; round++) {
                int n = 1 + round * 7;
                AtomicIntegerArray hits = new AtomicIntegerArray(n);
                par.forRange(n, 1, (from, to) -> {
                    threads.add(Thread.currentThread().getName());
                    for (int i = from; i < to; i++) hits.incrementAndGet(i);
                    busyWork();
                });
                for (int i = 0; i < n; i++) assertThat(hits.get(i)).as("index %d of %d", i, n).isEqualTo(1);
            }
            // chunks are taken dynamically: over many loops every worker takes some
            assertThat(threads).hasSize(3);
        }
    }

    private static volatile double sink;

    private static void busyWork() {
        double s = 0;
        for (int i = 0; i < 20_000; i++) s += Math.sqrt(i);
        sink = s;
    }

    @Test
    void aFailureInAnyChunkIsRethrownAfterAllChunksEnd() {
        try (Parallel par = Parallel.create(2)) {
            AtomicIntegerArray hits = new AtomicIntegerArray(10);
            assertThatThrownBy(() -> par.forRange(10, 1, (from, to) -> {
                for (int i = from; i < to; i++) hits.incrementAndGet(i);
                if (from <= 5 && 5 < to) throw new IllegalStateException("chunk with index 5");
            })).isInstanceOf(IllegalStateException.class).hasMessage("chunk with index 5");
            // no index runs twice, and the failing chunk ran
            for (int i = 0; i < 10; i++) assertThat(hits.get(i)).isLessThanOrEqualTo(1);
            assertThat(hits.get(5)).isEqualTo(1);
            assertThatThrownBy(() -> par.forRange(10, 1, (from, to) -> {
                if (from == 0) throw new StackOverflowError("first");
            })).isInstanceOf(StackOverflowError.class);
            // the pool still works afterwards
            AtomicIntegerArray again = new AtomicIntegerArray(4);
            par.forRange(4, 1, (from, to) -> { for (int i = from; i < to; i++) again.incrementAndGet(i); });
            for (int i = 0; i < 4; i++) assertThat(again.get(i)).isEqualTo(1);
        }
    }

    @Test
    void nestedLoopsOnAWorkerRunSerially() {
        try (Parallel par = Parallel.create(2)) {
            AtomicIntegerArray hits = new AtomicIntegerArray(100);
            par.with(() -> {
                Parallel.current().forRange(10, 1, (from, to) -> {
                    for (int r = from; r < to; r++) {
                        int row = r;
                        Parallel.current().forRange(10, 1, (a, b) -> {
                            for (int i = a; i < b; i++) hits.incrementAndGet(row * 10 + i);
                        });
                    }
                });
                return null;
            });
            for (int i = 0; i < 100; i++) assertThat(hits.get(i)).isEqualTo(1);
        }
    }

    @Test
    void concurrentCallersAllFinishWithEveryIndexOnce() throws Exception {
        try (Parallel par = Parallel.create(2)) {
            ExecutorService callers = Executors.newFixedThreadPool(6);
            try {
                CountDownLatch start = new CountDownLatch(1);
                java.util.List<Future<Boolean>> results = new java.util.ArrayList<>();
                for (int c = 0; c < 6; c++) {
                    results.add(callers.submit(() -> {
                        start.await();
                        for (int round = 0; round < 300; round++) {
                            AtomicIntegerArray hits = new AtomicIntegerArray(64);
                            par.forRange(64, 1, (from, to) -> { for (int i = from; i < to; i++) hits.incrementAndGet(i); });
                            for (int i = 0; i < 64; i++) if (hits.get(i) != 1) return false;
                        }
                        return true;
                    }));
                }
                start.countDown();
                for (Future<Boolean> f : results) assertThat(f.get()).isTrue();
            } finally {
                callers.shutdownNow();
            }
        }
    }

    @Test
    void idleWorkersParkAndAClosedPoolRunsOnTheCaller() throws Exception {
        Parallel par = Parallel.create(2);
        par.forRange(2, 1, (from, to) -> { });
        Thread.sleep(Parallel.SPIN_NANOS / 1_000_000 + 200);
        Thread worker = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("onyx-") && t.isDaemon() && t.isAlive()
                        && t.getState() == Thread.State.WAITING)
                .findAny().orElse(null);
        assertThat(worker).as("an idle worker parks instead of spinning").isNotNull();
        par.close();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        par.forRange(8, 1, (from, to) -> threads.add(Thread.currentThread().getName()));
        assertThat(threads).containsExactly(Thread.currentThread().getName());
    }
}
