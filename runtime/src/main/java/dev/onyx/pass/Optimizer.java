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

    /** Passes that need no shape facts (tests). */
    public static Optimizer forLevel(OptimizationLevel level) {
        return forLevel(level, dev.onyx.ops.OpRegistry.MAX_OPSET, g -> java.util.Map.of());
    }

    /**
     * @param opset the model's default-domain opset (fused nodes keep its semantics)
     * @param facts infers what is known of every value of a graph (dtype, shape)
     */
    public static Optimizer forLevel(OptimizationLevel level, int opset,
                                     java.util.function.Function<Graph, java.util.Map<String, dev.onyx.ir.Fact>> facts) {
        List<Pass> p = new ArrayList<>();
        if (level == OptimizationLevel.NONE) return new Optimizer(p);
        p.add(new EliminateIdentity());
        p.add(new EliminateDeadNodes());
        p.add(new FoldConstants(facts));
        p.add(new CollapseTransposes());
        if (level == OptimizationLevel.ALL) {
            p.add(new FoldBatchNormIntoConv());
            p.add(new MatMulAddToGemm(facts));
            p.add(new FuseConvAdd(opset, facts));
            p.add(new FuseActivation("Conv", opset));
            p.add(new FuseActivation("Gemm", opset));
            p.add(new FusePointwiseDepthwise(opset));
            p.add(new FuseConvConcat(opset));
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
