package dev.onyx.runtime;

import dev.onyx.LimitExceededException;
import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;

import java.util.Arrays;

/**
 * Bytes of tensors and of a plan's intermediate values: the peak a run holds at once (computed from
 * static facts at load time), checked against {@code SessionOptions.maxIntermediateBytes}.
 */
public final class MemoryBudget {
    private MemoryBudget() {}

    /** Bytes a tensor holds (strings and booleans count one byte an element). */
    public static long bytes(Tensor t) {
        return (long) t.size() * elementBytes(t.dtype());
    }

    static long elementBytes(DType d) {
        return d == null ? 1 : Math.max(1, d.byteSize());
    }

    /** Bytes a value described by a fact takes, or -1 when its shape is not static; saturates on overflow. */
    public static long bytes(Fact f) {
        if (f == null || f.dims() == null) return -1;
        long n = elementBytes(f.dtype());
        for (Dim d : f.dims()) {
            if (!d.isKnown()) return -1;
            if (d.value() != 0 && n > Long.MAX_VALUE / d.value()) return Long.MAX_VALUE;
            n *= d.value();
        }
        return n;
    }

    /**
     * Checks the peak of intermediate values a run of the whole plan holds, counting values whose
     * shape is static (others are checked while running).
     */
    public static void check(Plan plan, long limit) {
        int slots = plan.constants().length;
        int[] lastUse = new int[slots];
        Arrays.fill(lastUse, -1);
        var steps = plan.steps();
        boolean[] output = new boolean[slots];
        for (var o : plan.outputs()) {
            int s = plan.slot(o.name());
            if (s >= 0) output[s] = true;
        }
        for (int k = 0; k < steps.size(); k++) {
            for (int i : steps.get(k).inputs()) if (i >= 0) lastUse[i] = k;
            for (int o : steps.get(k).outputs()) if (o >= 0 && lastUse[o] < k) lastUse[o] = k;
        }
        int[] releaseCount = new int[steps.size() + 1];
        for (int s = 0; s < slots; s++) if (lastUse[s] >= 0 && !output[s]) releaseCount[lastUse[s]]++;
        int[][] release = new int[steps.size()][];
        for (int k = 0; k < release.length; k++) release[k] = new int[releaseCount[k]];
        int[] fill = new int[steps.size()];
        for (int s = 0; s < slots; s++) if (lastUse[s] >= 0 && !output[s]) release[lastUse[s]][fill[lastUse[s]]++] = s;
        long live = 0;
        long[] held = new long[slots];
        for (int k = 0; k < steps.size(); k++) {
            Step step = steps.get(k);
            for (int o : step.outputs()) {
                if (o < 0 || plan.constants()[o] != null) continue;
                long b = Math.max(0, bytes(plan.facts()[o]));
                held[o] = b;
                live = live > Long.MAX_VALUE - b ? Long.MAX_VALUE : live + b;
            }
            if (live > limit) {
                throw new LimitExceededException(plan.source() + ": " + step.describe() + ": the run would hold "
                        + live + " bytes of intermediate values at once, more than the limit of " + limit
                        + " (SessionOptions.maxIntermediateBytes)");
            }
            for (int s : release[k]) {
                live -= held[s];
                held[s] = 0;
            }
        }
    }
}
