package dev.onyx.cli;

import dev.onyx.ir.Attribute;
import dev.onyx.ir.Graph;
import dev.onyx.ir.Node;
import dev.onyx.ops.OpRegistry;
import dev.onyx.tensor.Tensor;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Counts over a graph and its subgraphs: nodes, ops, parameters, operators Onyx lacks. */
final class ModelStats {
    int nodes;
    int subgraphNodes;
    int subgraphs;
    long parameters;
    long parameterBytes;
    int initializers;
    /** op type (prefixed with "domain." outside the default domain) -> count, sorted by name. */
    final Map<String, Integer> ops = new TreeMap<>();
    final TreeSet<String> unsupported = new TreeSet<>();

    static ModelStats of(Graph g, Map<String, Integer> opsets) {
        ModelStats s = new ModelStats();
        s.visit(g, opsets, 0);
        return s;
    }

    private void visit(Graph g, Map<String, Integer> opsets, int depth) {
        for (Tensor t : g.initializers().values()) {
            initializers++;
            parameters += t.size();
            parameterBytes += (long) t.size() * t.dtype().byteSize();
        }
        OpRegistry registry = OpRegistry.standard();
        for (Node n : g.nodes()) {
            if (depth == 0) nodes++;
            else subgraphNodes++;
            String key = n.domain().isEmpty() ? n.opType() : n.domain() + "." + n.opType();
            ops.merge(key, 1, Integer::sum);
            Integer v = opsets.get(n.domain());
            int opset = v == null ? (n.domain().isEmpty() ? OpRegistry.MAX_OPSET : 1) : v;
            if (registry.find(n.domain(), n.opType(), opset) == null) unsupported.add(key);
            for (Attribute a : n.attributes().asMap().values()) {
                if (a.kind() == Attribute.Kind.GRAPH) {
                    subgraphs++;
                    visit((Graph) a.value(), opsets, depth + 1);
                } else if (a.kind() == Attribute.Kind.GRAPHS) {
                    for (Object sub : (List<?>) a.value()) {
                        subgraphs++;
                        visit((Graph) sub, opsets, depth + 1);
                    }
                }
            }
        }
    }
}
