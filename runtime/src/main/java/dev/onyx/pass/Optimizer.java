package dev.onyx.pass;

import dev.onyx.SessionOptions.OptimizationLevel;
import dev.onyx.ir.Graph;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs the passes of an optimization level until none changes the graph, and records every
 * rewrite. BASIC keeps every op type (clean-ups only); ALL adds fusions.
 */
public final class Optimizer {
    private static final int MAX_ROUNDS = 50;

    private final List<Pass> passes;

    public Optimizer(List<Pass> passes) {
        this.passes = List.copyOf(passes);
    }

    public static Optimizer forLevel(OptimizationLevel level) {
        List<Pass> p = new ArrayList<>();
        if (level == OptimizationLevel.NONE) return new Optimizer(p);
        p.add(new EliminateIdentity());
        p.add(new EliminateDeadNodes());
        if (level == OptimizationLevel.ALL) {
            p.add(new FoldBatchNormIntoConv());
        }
        return new Optimizer(p);
    }

    public List<Pass> passes() { return passes; }

    public record Outcome(Graph graph, List<Rewrite> rewrites) {}

    public Outcome optimize(Graph graph) {
        List<Rewrite> log = new ArrayList<>();
        Graph g = graph;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            boolean changed = false;
            for (Pass pass : passes) {
                Pass.Result r = pass.apply(g);
                if (r != null && !r.rewrites().isEmpty()) {
                    g = r.graph();
                    log.addAll(r.rewrites());
                    changed = true;
                }
            }
            if (!changed) break;
        }
        return new Outcome(g, log);
    }
}
