package dev.onyx.pass;

import dev.onyx.ir.Graph;
import dev.onyx.ir.Node;
import dev.onyx.ir.ValueInfo;
import dev.onyx.runtime.SubgraphRefs;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects the edits of one pass over a graph (remove, replace, rename, new initializers) and builds
 * the new graph. Initializers nothing reads any more are dropped.
 */
public final class GraphEdit {
    private final Graph graph;
    private final Map<Node, Node> replaced = new IdentityHashMap<>();
    private final Set<Node> removed = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<String, String> renames = new HashMap<>();
    private final Map<String, Tensor> newInitializers = new LinkedHashMap<>();

    public GraphEdit(Graph graph) {
        this.graph = graph;
    }

    public boolean touched(Node n) { return replaced.containsKey(n) || removed.contains(n); }

    public void remove(Node n) { removed.add(n); }

    public void replace(Node old, Node replacement) { replaced.put(old, replacement); }

    /** Every node input that reads {@code from} will read {@code to} instead. */
    public void rename(String from, String to) { renames.put(from, to); }

    public void addInitializer(String name, Tensor t) { newInitializers.put(name, t); }

    public boolean isEmpty() {
        return replaced.isEmpty() && removed.isEmpty() && renames.isEmpty() && newInitializers.isEmpty();
    }

    private String resolve(String name) {
        String r = name;
        for (int guard = 0; renames.containsKey(r) && guard < 1000; guard++) r = renames.get(r);
        return r;
    }

    public Graph build() {
        List<Node> nodes = new ArrayList<>();
        for (Node n : graph.nodes()) {
            if (removed.contains(n)) continue;
            Node m = replaced.getOrDefault(n, n);
            if (!renames.isEmpty()) {
                List<String> ins = new ArrayList<>(m.inputs().size());
                for (String i : m.inputs()) ins.add(i.isEmpty() ? i : resolve(i));
                m = new Node(m.name(), m.opType(), m.domain(), ins, m.outputs(), m.attributes());
            }
            nodes.add(m);
        }
        Set<String> read = new HashSet<>();
        for (Node n : nodes) {
            read.addAll(n.inputs());
            read.addAll(SubgraphRefs.outerReads(n));
        }
        for (ValueInfo v : graph.outputs()) read.add(v.name());
        Set<String> inputNames = new HashSet<>();
        for (ValueInfo v : graph.inputs()) inputNames.add(v.name());
        Map<String, Tensor> inits = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : graph.initializers().entrySet()) {
            if (read.contains(e.getKey()) || inputNames.contains(e.getKey())) inits.put(e.getKey(), e.getValue());
        }
        inits.putAll(newInitializers);
        return new Graph(graph.name(), nodes, graph.inputs(), graph.outputs(), inits, graph.valueInfo());
    }
}
