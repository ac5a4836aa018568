package dev.onyx.kernel;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Intra-op parallelism: a pool owned by one session (never the common ForkJoinPool), made current
 * for the calling thread while an op runs. Kernels split loops with {@link #forRange}; the caller
 * works on a share itself, so a pool of n - 1 threads gives n-way parallelism. Work started from a
 * pool thread runs serially there, so nested calls never wait on the pool they are running in.
 */
public final class Parallel implements AutoCloseable {
    /** A body over the half-open range [from, to). */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    private static final Parallel SERIAL = new Parallel(1, null);
    private static final ThreadLocal<Parallel> CURRENT = ThreadLocal.withInitial(() -> SERIAL);
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final int threads;
    private final ExecutorService pool;

    private Parallel(int threads, ExecutorService pool) {
        this.threads = threads;
        this.pool = pool;
    }

    public static Parallel serial() { return SERIAL; }

    /** A pool for {@code threads}-way parallelism (threads - 1 daemon workers plus the caller). */
    public static Parallel create(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        if (threads == 1) return SERIAL;
        int id = POOLS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        ThreadFactory f = r -> {
            Thread t = new Thread(r, "onyx-" + id + "-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        return new Parallel(threads, Executors.newFixedThreadPool(threads - 1, f));
    }

    /** The parallelism of the op running on this thread (serial outside of a session run). */
    public static Parallel current() { return CURRENT.get(); }

    public int threads() { return threads; }

    /** Runs the action with this parallelism current on the calling thread. */
    public <T> T with(Supplier<T> action) {
        Parallel previous = CURRENT.get();
        CURRENT.set(this);
        try {
            return action.get();
        } finally {
            CURRENT.set(previous);
        }
    }

    /**
     * Splits [0, n) into at most {@code threads} contiguous chunks of at least {@code grain} items and
     * runs them, the caller taking the first. Returns when all are done; rethrows the first failure.
     */
    public void forRange(int n, int grain, RangeBody body) {
        int chunks = pool == null ? 1 : Math.min(threads, Math.max(1, n / Math.max(1, grain)));
        if (chunks <= 1 || isWorker()) {
            if (n > 0) body.run(0, n);
            return;
        }
        Future<?>[] futures = new Future<?>[chunks - 1];
        for (int c = 1; c < chunks; c++) {
            int from = (int) ((long) n * c / chunks);
            int to = (int) ((long) n * (c + 1) / chunks);
            try {
                futures[c - 1] = pool.submit(() -> body.run(from, to));
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                // the session was closed while this run was in flight: finish the work on this thread
                java.util.concurrent.FutureTask<Void> inline = new java.util.concurrent.FutureTask<>(() -> body.run(from, to), null);
                inline.run();
                futures[c - 1] = inline;
            }
        }
        Throwable failure = null;
        try {
            body.run(0, (int) ((long) n / chunks));
        } catch (Throwable t) {
            failure = t;
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (failure == null) failure = e.getCause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (failure == null) failure = e;
            }
        }
        if (failure instanceof RuntimeException r) throw r;
        if (failure instanceof Error e) throw e;
        if (failure != null) throw new IllegalStateException(failure);
    }

    private static boolean isWorker() {
        return Thread.currentThread().getName().startsWith("onyx-") && Thread.currentThread().isDaemon();
    }

    /** Stops the workers (after the tasks already started). */
    @Override
    public void close() {
        if (pool != null) pool.shutdown();
    }
}
