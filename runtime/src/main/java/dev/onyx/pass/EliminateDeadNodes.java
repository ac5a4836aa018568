package dev.onyx.pass;

import dev.onyx.ir.Graph;
import dev.onyx.ir.Node;

import java.util.ArrayList;
import java.util.List;

/** Removes nodes none of whose outputs is read by another node or is a graph output. */
public final class EliminateDeadNodes implements Pass {
    @Override
    public String name() { return "EliminateDeadNodes"; }

    @Override
    public Result apply(Graph graph) {
        GraphView view = new GraphView(graph);
        GraphEdit edit = new GraphEdit(graph);
        List<Rewrite> log = new ArrayList<>();
        for (Node n : graph.nodes()) {
            boolean dead = true;
            for (String o : n.outputs()) if (!view.isUnused(o)) dead = false;
            if (dead) {
                edit.remove(n);
                log.add(new Rewrite(name(), List.of(n.displayName()), ""));
            }
        }
        return log.isEmpty() ? null : new Result(edit.build(), log);
    }
}
