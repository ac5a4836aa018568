package dev.onyx.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Wall time spent in each step of a plan, summed over runs; safe to update from concurrent runs.
 * Enabled by {@link dev.onyx.SessionOptions#profiling()}; read with {@link dev.onyx.Session#profile()}.
 */
public final class StepProfile {
    /** One node's share: how many times it ran and the nanoseconds it took in all. */
    public record Entry(String node, String opType, long calls, long nanos) {}

    private final List<Step> steps;
    private final AtomicLongArray calls;
    private final AtomicLongArray nanos;

    public StepProfile(List<Step> steps) {
        this.steps = List.copyOf(steps);
        this.calls = new AtomicLongArray(steps.size());
        this.nanos = new AtomicLongArray(steps.size());
    }

    void add(int stepIndex, long elapsedNanos) {
        calls.incrementAndGet(stepIndex);
        nanos.addAndGet(stepIndex, elapsedNanos);
    }

    /** Entries in plan order, for the steps that ran at least once. */
    public List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            long c = calls.get(i);
            if (c == 0) continue;
            Step s = steps.get(i);
            String type = s.node().domain().isEmpty() ? s.node().opType() : s.node().domain() + "." + s.node().opType();
            out.add(new Entry(s.node().displayName(), type, c, nanos.get(i)));
        }
        return out;
    }

    /** Forgets every measurement (for example after warm-up runs). */
    public void reset() {
        for (int i = 0; i < steps.size(); i++) {
            calls.set(i, 0);
            nanos.set(i, 0);
        }
    }
}
