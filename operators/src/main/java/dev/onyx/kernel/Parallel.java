package dev.onyx.kernel;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Intra-op parallelism: worker threads owned by one session (never the common ForkJoinPool), made
 * current for the calling thread while an op runs. Kernels split loops with {@link #forRange}; the
 * caller works on a share itself, so n - 1 workers give n-way parallelism.
 *
 * <p>A model runs dozens of parallel loops per inference, each a fraction of a millisecond, so handing
 * work over must cost microseconds, not a thread wake-up: workers spin for a short while after each
 * task ({@link #SPIN_NANOS}) before they park, and the caller spins while it waits for them. Workers
 * serve one caller at a time; a caller that finds them busy (concurrent runs of one session) runs its
 * loop alone. Work started from a worker runs serially there. The split never changes what each index
 * computes, so results do not depend on which thread runs what.
 */
public final class Parallel implements AutoCloseable {
    /** A body over the half-open range [from, to). */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    /** How long an idle worker spins for the next task before parking. */
    static final long SPIN_NANOS = 200_000;

    private static final Parallel SERIAL = new Parallel(1);
    private static final ThreadLocal<Parallel> CURRENT = ThreadLocal.withInitial(() -> SERIAL);
    private static final AtomicInteger POOLS = new AtomicInteger();
    /** True on worker threads, where nested parallel loops run serially. */
    private static final ThreadLocal<Boolean> IN_WORKER = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private final int threads;
    private final Worker[] workers;
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile boolean closed;

    private Parallel(int threads) {
        this.threads = threads;
        this.workers = new Worker[Math.max(0, threads - 1)];
    }

    public static Parallel serial() { return SERIAL; }

    /** A pool for {@code threads}-way parallelism (threads - 1 daemon workers plus the caller). */
    public static Parallel create(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        if (threads == 1) return SERIAL;
        int id = POOLS.incrementAndGet();
        Parallel p = new Parallel(threads);
        for (int i = 0; i < p.workers.length; i++) {
            Worker w = p.new Worker();
            Thread t = new Thread(w, "onyx-" + id + "-worker-" + (i + 1));
            t.setDaemon(true);
            w.thread = t;
            p.workers[i] = w;
            t.start();
        }
        return p;
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

    /** Chunks per thread a loop is cut into, so that a thread slowed down by others gets fewer of them. */
    static final int CHUNKS_PER_THREAD = 4;

    /**
     * Splits [0, n) into contiguous chunks of at least {@code grain} items (up to {@link #CHUNKS_PER_THREAD}
     * per thread) that the caller and the workers take in turn until none is left. Returns when all are
     * done; rethrows the first failure.
     */
    public void forRange(int n, int grain, RangeBody body) {
        int chunks = workers.length == 0 ? 1 : Math.min(threads * CHUNKS_PER_THREAD, Math.max(1, n / Math.max(1, grain)));
        if (chunks <= 1 || closed || IN_WORKER.get() || !busy.compareAndSet(false, true)) {
            if (n > 0) body.run(0, n);
            return;
        }
        try {
            int helpers = Math.min(workers.length, chunks - 1);
            AtomicInteger next = new AtomicInteger();
            AtomicInteger remaining = new AtomicInteger(helpers);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Runnable share = () -> {
                int c;
                while (failure.get() == null && (c = next.getAndIncrement()) < chunks) {
                    body.run((int) ((long) n * c / chunks), (int) ((long) n * (c + 1) / chunks));
                }
            };
            for (int i = 0; i < helpers; i++) {
                workers[i].give(() -> {
                    try {
                        share.run();
                    } catch (Throwable t) {
                        failure.compareAndSet(null, t);
                    } finally {
                        remaining.decrementAndGet();
                    }
                });
            }
            try {
                share.run();
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
            awaitWorkers(remaining, helpers);
            Throwable f = failure.get();
            if (f instanceof RuntimeException r) throw r;
            if (f instanceof Error e) throw e;
            if (f != null) throw new IllegalStateException(f);
        } finally {
            busy.set(false);
        }
    }

    /** Spins (then yields) until the workers' chunks are done, running any chunk a stopped worker left behind. */
    private void awaitWorkers(AtomicInteger remaining, int used) {
        long spins = 0;
        while (remaining.get() > 0) {
            if (++spins < 20_000) {
                Thread.onSpinWait();
                continue;
            }
            Thread.yield();
            for (int i = 0; i < used; i++) {
                Worker w = workers[i];
                if (!w.thread.isAlive()) {
                    Runnable left = w.task.getAndSet(null);
                    if (left != null) left.run();
                }
            }
        }
    }

    /** Stops the workers once they finish what they were given. */
    @Override
    public void close() {
        closed = true;
        for (Worker w : workers) LockSupport.unpark(w.thread);
    }

    /** One worker: a task slot it spins on, then parks on. */
    private final class Worker implements Runnable {
        final AtomicReference<Runnable> task = new AtomicReference<>();
        volatile boolean parked;
        Thread thread;

        void give(Runnable r) {
            task.set(r);
            if (parked) LockSupport.unpark(thread);
        }

        @Override
        public void run() {
            IN_WORKER.set(Boolean.TRUE);
            long idleSince = System.nanoTime();
            int spins = 0;
            while (true) {
                Runnable t = task.getAndSet(null);
                if (t != null) {
                    t.run();
                    idleSince = System.nanoTime();
                    spins = 0;
                    continue;
                }
                if (closed) return;
                if ((++spins & 63) != 0 || System.nanoTime() - idleSince < SPIN_NANOS) {
                    Thread.onSpinWait();
                    continue;
                }
                parked = true;
                if (task.get() == null && !closed) LockSupport.park(this);
                parked = false;
                idleSince = System.nanoTime();
                spins = 0;
            }
        }
    }
}
