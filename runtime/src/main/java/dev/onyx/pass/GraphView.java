package dev.onyx.pass;

import dev.onyx.ir.Graph;
import dev.onyx.ir.Node;
import dev.onyx.ir.ValueInfo;
import dev.onyx.runtime.SubgraphRefs;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Read-only lookups a pass needs on a graph: producers, consumers, graph outputs and constants. */
public final class GraphView {
    private final Graph graph;
    private final Map<String, Node> producer = new HashMap<>();
    private final Map<String, List<Node>> consumers = new HashMap<>();
    private final Set<String> graphOutputs = new HashSet<>();
    private final Set<String> graphInputs = new HashSet<>();

    public GraphView(Graph graph) {
        this.graph = graph;
        for (Node n : graph.nodes()) {
            for (String o : n.outputs()) if (!o.isEmpty()) producer.put(o, n);
            for (String i : n.inputs()) if (!i.isEmpty()) consumers.computeIfAbsent(i, k -> new ArrayList<>()).add(n);
            for (String i : SubgraphRefs.outerReads(n)) consumers.computeIfAbsent(i, k -> new ArrayList<>()).add(n);
        }
        for (ValueInfo v : graph.outputs()) graphOutputs.add(v.name());
        for (ValueInfo v : graph.inputs()) graphInputs.add(v.name());
    }

    public Graph graph() { return graph; }

    public Node producer(String value) { return producer.get(value); }

    public List<Node> consumers(String value) { return consumers.getOrDefault(value, List.of()); }

    public boolean isGraphOutput(String value) { return graphOutputs.contains(value); }

    /** True when exactly one node reads the value and it is not a graph output. */
    public boolean hasSingleConsumer(String value) {
        return consumers(value).size() == 1 && !isGraphOutput(value);
    }

    /** True when nothing reads the value (no node, no graph output). */
    public boolean isUnused(String value) {
        return value.isEmpty() || (consumers(value).isEmpty() && !isGraphOutput(value));
    }

    /**
     * The value when the name is an initializer that no graph input overrides, or the output of a
     * default-domain Constant node holding a tensor ('value'), else null.
     */
    public Tensor constant(String value) {
        if (value.isEmpty() || graphInputs.contains(value)) return null;
        Tensor t = graph.initializers().get(value);
        if (t != null) return t;
        Node p = producer.get(value);
        if (p != null && p.domain().isEmpty() && p.opType().equals("Constant") && p.inputs().isEmpty()
                && p.attributes().has("value") && p.attributes().asMap().size() == 1) {
            return p.attributes().getTensor("value");
        }
        return null;
    }

    /** A value name not used anywhere in the graph, built from a base. */
    public String freshName(String base, Set<String> taken) {
        String name = base;
        for (int i = 1; producer.containsKey(name) || graph.initializers().containsKey(name)
                || graphInputs.contains(name) || taken.contains(name); i++) {
            name = base + "_" + i;
        }
        taken.add(name);
        return name;
    }
}
