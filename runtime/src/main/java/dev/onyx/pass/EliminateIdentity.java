package dev.onyx.pass;

import dev.onyx.ir.Graph;
import dev.onyx.ir.Node;
import dev.onyx.runtime.SubgraphRefs;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * Removes nodes that pass their first input through unchanged: Identity, and Dropout at inference
 * (no training_mode input, or a constant false one; mask output unused). Readers of the output read
 * the input instead; when the output is a graph output, the input's producer writes it directly. Kept
 * when that producer has other readers, or when the output is read from inside a subgraph.
 */
public final class EliminateIdentity implements Pass {
    @Override
    public String name() { return "EliminateIdentity"; }

    @Override
    public Result apply(Graph graph) {
        GraphView view = new GraphView(graph);
        GraphEdit edit = new GraphEdit(graph);
        List<Rewrite> log = new ArrayList<>();
        for (Node n : graph.nodes()) {
            if (!n.domain().isEmpty() || !isPassThrough(n, view) || !n.hasInput(0)) continue;
            String out = n.outputs().get(0);
            if (view.isGraphOutput(out)) {
                // the producer of the input can write the graph output directly
                Node p = view.producer(n.input(0));
                if (p == null || edit.touched(p) || !view.hasSingleConsumer(n.input(0)) || SubgraphRefs.hasSubgraphs(p)) continue;
                List<String> outs = new ArrayList<>(p.outputs());
                outs.set(outs.indexOf(n.input(0)), out);
                edit.replace(p, new Node(p.name(), p.opType(), p.domain(), p.inputs(), outs, p.attributes()));
                edit.remove(n);
                log.add(new Rewrite(n.opType().equals("Identity") ? name() : "EliminateDropout", List.of(n.displayName()), ""));
                continue;
            }
            boolean direct = true;
            for (Node c : view.consumers(out)) if (!c.inputs().contains(out)) direct = false;
            if (!direct) continue;
            edit.rename(out, n.input(0));
            edit.remove(n);
            log.add(new Rewrite(n.opType().equals("Identity") ? name() : "EliminateDropout", List.of(n.displayName()), ""));
        }
        return log.isEmpty() ? null : new Result(edit.build(), log);
    }

    private static boolean isPassThrough(Node n, GraphView view) {
        if (n.outputs().isEmpty()) return false;
        if (n.opType().equals("Identity")) return n.outputs().size() == 1;
        if (!n.opType().equals("Dropout")) return false;
        if (n.outputs().size() > 1 && !view.isUnused(n.outputs().get(1))) return false;
        if (n.attributes().getInt("is_test", 1) == 0) return false; // opset < 7 training flag
        if (!n.hasInput(2)) return true;
        Tensor mode = view.constant(n.input(2));
        return mode != null && mode.size() == 1 && mode.getDouble(0) == 0;
    }
}
