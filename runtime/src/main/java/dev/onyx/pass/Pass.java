package dev.onyx.pass;

import dev.onyx.ir.Graph;

import java.util.List;

/**
 * One graph rewrite. {@link #apply} finds every place its pattern matches and its preconditions
 * hold, and returns the rewritten graph with what it did, or null when nothing matched.
 */
public interface Pass {
    /** The name shown in the rewrite log, e.g. "FoldBatchNormIntoConv". */
    String name();

    Result apply(Graph graph);

    record Result(Graph graph, List<Rewrite> rewrites) {}
}
