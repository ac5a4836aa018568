package dev.onyx.pass;

import dev.onyx.ir.Fact;
import dev.onyx.ir.Graph;
import dev.onyx.ir.Node;
import dev.onyx.runtime.SubgraphRefs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A node whose outputs are all known before running becomes initializers: Constant nodes, nodes whose
 * inputs are all small constants, and shape arithmetic on statically known shapes (Shape -> Gather ->
 * Unsqueeze -> Concat -> Reshape chains). The values come from the compiler's facts, which folds such
 * nodes within the session's size limit. Nodes producing a graph output, random ops and nodes with
 * subgraphs are kept.
 */
public final class FoldConstants implements Pass {
    private final Function<Graph, Map<String, Fact>> facts;

    public FoldConstants(Function<Graph, Map<String, Fact>> facts) {
        this.facts = facts;
    }

    @Override
    public String name() { return "FoldConstants"; }

    @Override
    public Result apply(Graph graph) {
        GraphView view = new GraphView(graph);
        GraphEdit edit = new GraphEdit(graph);
        List<Rewrite> log = new ArrayList<>();
        Map<String, Fact> known = null;
        for (Node n : graph.nodes()) {
            if (n.outputs().isEmpty() || SubgraphRefs.hasSubgraphs(n) || !n.domain().isEmpty()) continue;
            if (n.opType().startsWith("Random") || n.opType().equals("Bernoulli") || n.opType().equals("Multinomial")) continue;
            boolean foldable = true;
            for (String o : n.outputs()) {
                if (!o.isEmpty() && view.isGraphOutput(o)) foldable = false;
            }
            if (!foldable) continue;
            if (known == null) known = facts.apply(graph);
            for (String o : n.outputs()) {
                if (o.isEmpty()) continue;
                Fact f = known.get(o);
                if (f == null || f.constant() == null) foldable = false;
            }
            if (!foldable) continue;
            for (String o : n.outputs()) if (!o.isEmpty()) edit.addInitializer(o, known.get(o).constant());
            edit.remove(n);
            log.add(new Rewrite(name(), List.of(n.displayName()), ""));
        }
        return log.isEmpty() ? null : new Result(edit.build(), log);
    }
}
