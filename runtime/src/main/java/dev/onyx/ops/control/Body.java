package dev.onyx.ops.control;

import dev.onyx.ir.Fact;
import dev.onyx.ir.ValueInfo;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Subgraph;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * A compiled subgraph bound to its node: knows where, among the node's run-time inputs, the session
 * put the outer-scope values the subgraph reads (hidden inputs after the node's own).
 */
final class Body {
    private final String attribute;
    private final Subgraph graph;
    private final int[] outerIndex;

    private Body(String attribute, Subgraph graph, int[] outerIndex) {
        this.attribute = attribute;
        this.graph = graph;
        this.outerIndex = outerIndex;
    }

    static Body of(NodeContext ctx, String attribute) {
        Subgraph g = ctx.subgraph(attribute);
        List<String> reads = ctx.outerReads();
        int base = ctx.inputCount();
        int[] idx = new int[g.outerNames().size()];
        for (int i = 0; i < idx.length; i++) {
            int k = reads.indexOf(g.outerNames().get(i));
            if (k < 0) throw ctx.invalid("attribute '" + attribute + "': reads '" + g.outerNames().get(i) + "' from no scope");
            idx[i] = base + k;
        }
        return new Body(attribute, g, idx);
    }

    int inputCount() { return graph.inputs().size(); }

    int outputCount() { return graph.outputs().size(); }

    Fact inputFact(int i) { return graph.inputs().get(i).fact(); }

    Fact outputFact(int i) { return graph.outputs().get(i).fact(); }

    List<ValueInfo> outputs() { return graph.outputs(); }

    /** Runs the subgraph on its formal inputs, taking outer values from the node's run-time inputs. */
    List<Tensor> run(List<Tensor> bodyInputs, List<Tensor> nodeInputs) {
        List<Tensor> outer = new ArrayList<>(outerIndex.length);
        for (int i : outerIndex) outer.add(nodeInputs.get(i));
        List<Tensor> out = graph.run(bodyInputs, outer);
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i) == null) {
                throw new IllegalArgumentException(attribute + ": output " + i + " ('" + graph.outputs().get(i).name()
                        + "') was not computed");
            }
        }
        return out;
    }
}
