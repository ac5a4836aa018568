package dev.onyx.runtime;

import dev.onyx.LimitExceededException;
import dev.onyx.OnyxException;
import dev.onyx.tensor.Arena;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs a {@link Plan}: a fresh slot array per run (so concurrent runs share nothing mutable),
 * only the steps the requested outputs need, and each intermediate dropped after its last reader.
 *
 * <p>With a buffer pool ({@code poolBytes > 0}), each run takes an {@link Arena} of its own from a
 * small stack (a new one when the stack is empty), makes it current while its ops run, so that ops
 * take their output storage from it ({@link dev.onyx.tensor.Buffers}), and hands every array the
 * arena gave out back to it once no live value references it any more (counted by array identity, so
 * views such as Reshape's keep their storage alive). Arrays of the returned outputs are never given
 * back. At the end of the run the arena goes back on the stack unless the idle arenas would then
 * hold more than {@code poolBytes}.
 */
public final class Executor {
    private final Plan plan;
    private final long maxIntermediateBytes;
    private final Map<List<String>, Schedule> schedules = new ConcurrentHashMap<>();

    /** The steps needed for one set of outputs, and after which step each slot can be released. */
    private record Schedule(Step[] steps, int[] planIndex, int[][] releaseAfter) {}

    private final dev.onyx.kernel.Parallel parallel;
    private final StepProfile profile;
    private final long poolBytes;
    /** Idle arenas (guarded by itself), and the bytes they pool. */
    private final Arena[] idle = new Arena[MAX_IDLE_ARENAS];
    private int idleCount;
    private long idleBytes;
    private static final int MAX_IDLE_ARENAS = 64;
    /**
     * For tests: arrays are handed out filled with NaN / garbage when the system property
     * {@code onyx.bufferPool.poison} is true as the executor is created.
     */
    private final boolean poison = Boolean.getBoolean("onyx.bufferPool.poison");

    /** An executor without buffer pool (for subgraphs: their ops allocate their outputs). */
    public Executor(Plan plan) {
        this(plan, dev.onyx.kernel.Parallel.serial(), Long.MAX_VALUE, false, 0);
    }

    /**
     * @param parallel             the intra-op parallelism made current while each op runs
     * @param maxIntermediateBytes the most bytes of intermediate values a run may hold at once
     * @param profiling            whether to time every step (see {@link #profile()})
     * @param poolBytes            the most bytes idle arenas keep between runs; 0 for no buffer pool
     */
    public Executor(Plan plan, dev.onyx.kernel.Parallel parallel, long maxIntermediateBytes, boolean profiling,
                    long poolBytes) {
        this.plan = plan;
        this.profile = profiling ? new StepProfile(plan.steps()) : null;
        this.parallel = parallel;
        this.maxIntermediateBytes = maxIntermediateBytes;
        this.poolBytes = poolBytes;
    }

    public Plan plan() { return plan; }

    /** Time per step summed over runs, or null when the executor was created without profiling. */
    public StepProfile profile() { return profile; }

    /** Runs with inputs by slot (already checked) and returns the named outputs in order. */
    public Map<String, Tensor> run(Tensor[] inputsBySlot, List<String> outputs) {
        Schedule schedule = schedules.computeIfAbsent(outputs, this::schedule);
        Arena arena = poolBytes > 0 ? takeArena() : null;
        // without a pool of its own (subgraphs), no arena is current: an outer run's arena only
        // tracks the arrays of its own steps
        Arena previous = Arena.swapCurrent(arena);
        boolean completed = false;
        try {
            Map<String, Tensor> result = parallel.with(() -> execute(schedule, inputsBySlot, outputs, arena));
            completed = true;
            return result;
        } finally {
            Arena.swapCurrent(previous);
            // a failed run (possibly out of memory) drops its arena and what it pooled
            if (arena != null && completed) giveBack(arena);
        }
    }

    private Arena takeArena() {
        synchronized (idle) {
            if (idleCount == 0) return new Arena(poison);
            Arena a = idle[--idleCount];
            idle[idleCount] = null;
            idleBytes -= a.pooledBytes();
            return a;
        }
    }

    private void giveBack(Arena arena) {
        arena.endRun();
        long bytes = arena.pooledBytes();
        synchronized (idle) {
            if (idleCount < idle.length && idleBytes + bytes <= poolBytes) {
                idle[idleCount++] = arena;
                idleBytes += bytes;
            }
        }
    }

    /** Bytes the idle arenas pool (for tests and diagnostics). */
    public long pooledBytes() {
        synchronized (idle) {
            return idleBytes;
        }
    }

    private Map<String, Tensor> execute(Schedule schedule, Tensor[] inputsBySlot, List<String> outputs, Arena arena) {
        Tensor[] env = plan.constants().clone();
        for (int i = 0; i < inputsBySlot.length; i++) if (inputsBySlot[i] != null) env[i] = inputsBySlot[i];
        Step[] steps = schedule.steps;
        long[] held = new long[env.length];
        long live = 0;
        for (int k = 0; k < steps.length; k++) {
            Step step = steps[k];
            List<Tensor> in = new ArrayList<>(step.inputs().length);
            for (int s : step.inputs()) in.add(s < 0 ? null : env[s]);
            List<Tensor> out;
            long started = profile == null ? 0 : System.nanoTime();
            try {
                out = step.op().run(in);
                if (profile != null) profile.add(schedule.planIndex[k], System.nanoTime() - started);
            } catch (OnyxException e) {
                throw e.withContext(plan.source() + ": " + step.describe());
            } catch (IllegalArgumentException | IllegalStateException | ArithmeticException
                     | IndexOutOfBoundsException | NegativeArraySizeException | ClassCastException
                     | NullPointerException | UnsupportedOperationException e) {
                throw new OnyxException(plan.source() + ": " + step.describe() + ": "
                        + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
            } catch (OutOfMemoryError e) {
                // one allocation too large for the heap: it failed whole, so the heap is intact
                throw new LimitExceededException(plan.source() + ": " + step.describe()
                        + ": not enough memory for its result (" + e.getMessage() + ")", e);
            }
            int[] outSlots = step.outputs();
            for (int i = 0; i < outSlots.length; i++) {
                if (outSlots[i] < 0) continue;
                Tensor t = i < out.size() ? out.get(i) : null;
                if (t == null) {
                    throw new OnyxException(plan.source() + ": " + step.describe() + ": output " + i
                            + " ('" + step.node().outputs().get(i) + "') was not computed");
                }
                Tensor replaced = env[outSlots[i]];
                env[outSlots[i]] = t;
                if (arena != null) {
                    arena.retain(t.storage());
                    if (replaced != null) arena.release(replaced.storage());
                }
                if (plan.constants()[outSlots[i]] == null) {
                    live -= held[outSlots[i]];
                    held[outSlots[i]] = MemoryBudget.bytes(t);
                    live += held[outSlots[i]];
                }
            }
            if (live > maxIntermediateBytes) {
                throw new LimitExceededException(plan.source() + ": " + step.describe() + ": the run holds " + live
                        + " bytes of intermediate values, more than the limit of " + maxIntermediateBytes
                        + " (SessionOptions.maxIntermediateBytes)");
            }
            for (int s : schedule.releaseAfter[k]) {
                Tensor t = env[s];
                env[s] = null;
                if (arena != null && t != null) arena.release(t.storage());
                live -= held[s];
                held[s] = 0;
            }
        }
        Map<String, Tensor> result = new LinkedHashMap<>();
        for (String name : outputs) {
            Tensor t = env[plan.slot(name)];
            if (t == null) throw new OnyxException(plan.source() + ": output '" + name + "' was not computed");
            result.put(name, t);
        }
        return result;
    }

    private Schedule schedule(Collection<String> outputs) {
        List<Step> all = plan.steps();
        BitSet needed = new BitSet();
        for (String o : outputs) needed.set(plan.slot(o));
        boolean[] keep = new boolean[all.size()];
        for (int k = all.size() - 1; k >= 0; k--) {
            Step s = all.get(k);
            boolean useful = false;
            for (int o : s.outputs()) if (o >= 0 && needed.get(o)) useful = true;
            if (!useful) continue;
            keep[k] = true;
            for (int i : s.inputs()) if (i >= 0) needed.set(i);
        }
        List<Step> steps = new ArrayList<>();
        List<Integer> planIndex = new ArrayList<>();
        for (int k = 0; k < all.size(); k++) {
            if (keep[k]) {
                steps.add(all.get(k));
                planIndex.add(k);
            }
        }
        // last reader of each non-output, non-constant slot
        int slots = plan.constants().length;
        int[] lastUse = new int[slots];
        Arrays.fill(lastUse, -1);
        for (int k = 0; k < steps.size(); k++) {
            for (int i : steps.get(k).inputs()) if (i >= 0) lastUse[i] = k;
            for (int o : steps.get(k).outputs()) if (o >= 0 && lastUse[o] < k) lastUse[o] = k;
        }
        BitSet pinned = new BitSet();
        for (String o : outputs) pinned.set(plan.slot(o));
        List<List<Integer>> release = new ArrayList<>();
        for (int k = 0; k < steps.size(); k++) release.add(new ArrayList<>());
        for (int s = 0; s < slots; s++) {
            if (lastUse[s] >= 0 && !pinned.get(s)) release.get(lastUse[s]).add(s);
        }
        int[][] rel = new int[steps.size()][];
        for (int k = 0; k < rel.length; k++) rel[k] = release.get(k).stream().mapToInt(Integer::intValue).toArray();
        return new Schedule(steps.toArray(new Step[0]), planIndex.stream().mapToInt(Integer::intValue).toArray(), rel);
    }
}
