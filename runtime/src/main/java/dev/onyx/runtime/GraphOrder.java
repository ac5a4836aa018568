package dev.onyx.runtime;

import dev.onyx.InvalidModelException;
import dev.onyx.ir.Graph;
import dev.onyx.ir.Node;
import dev.onyx.ir.ValueInfo;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a graph's wiring and sorts its nodes so that every value is produced before it is read:
 * duplicate value names, inputs nothing defines, graph outputs nothing defines, and cycles are
 * errors naming the node and the value.
 */
public final class GraphOrder {
    private GraphOrder() {}

    /**
     * @param outerScope names visible from an enclosing graph (empty for the main graph)
     * @return the nodes in an order where producers come before consumers
     */
    public static List<Node> sort(Graph graph, Set<String> outerScope) {
        Map<String, Node> producer = new HashMap<>();
        Set<String> defined = new HashSet<>();
        for (ValueInfo in : graph.inputs()) {
            if (in.name().isEmpty()) throw new InvalidModelException("graph input with an empty name");
            if (!defined.add(in.name())) throw new InvalidModelException("graph input '" + in.name() + "' is declared twice");
        }
        for (String init : graph.initializers().keySet()) defined.add(init);
        for (Node n : graph.nodes()) {
            for (String out : n.outputs()) {
                if (out.isEmpty()) continue;
                if (defined.contains(out) || producer.containsKey(out)) {
                    throw new InvalidModelException(n + ": output '" + out + "' is already defined"
                            + (producer.containsKey(out) ? " by " + producer.get(out) : " as a graph input or initializer"));
                }
                producer.put(out, n);
            }
        }
        // Kahn's algorithm over node indices
        int count = graph.nodes().size();
        Map<Node, Integer> index = new java.util.IdentityHashMap<>();
        for (int i = 0; i < count; i++) index.put(graph.nodes().get(i), i);
        int[] pending = new int[count];
        List<List<Integer>> consumers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) consumers.add(new ArrayList<>());
        for (int i = 0; i < count; i++) {
            Node n = graph.nodes().get(i);
            for (String in : n.inputs()) {
                if (in.isEmpty() || defined.contains(in)) continue;
                Node p = producer.get(in);
                if (p == null) {
                    if (outerScope.contains(in)) continue;
                    throw new InvalidModelException(n + ": input '" + in
                            + "' is not a graph input, an initializer or the output of any node");
                }
                pending[i]++;
                consumers.get(index.get(p)).add(i);
            }
            // values read by subgraphs from this scope also order the nodes
            for (String in : SubgraphRefs.outerReads(n)) {
                Node p = producer.get(in);
                if (p != null && p != n) {
                    pending[i]++;
                    consumers.get(index.get(p)).add(i);
                }
            }
        }
        ArrayDeque<Integer> ready = new ArrayDeque<>();
        for (int i = 0; i < count; i++) if (pending[i] == 0) ready.add(i);
        List<Node> order = new ArrayList<>(count);
        while (!ready.isEmpty()) {
            int i = ready.poll();
            order.add(graph.nodes().get(i));
            for (int c : consumers.get(i)) if (--pending[c] == 0) ready.add(c);
        }
        if (order.size() != count) {
            for (int i = 0; i < count; i++) {
                if (pending[i] > 0) {
                    throw new InvalidModelException("the graph has a cycle through " + graph.nodes().get(i));
                }
            }
        }
        for (ValueInfo out : graph.outputs()) {
            if (!defined.contains(out.name()) && !producer.containsKey(out.name()) && !outerScope.contains(out.name())) {
                throw new InvalidModelException("graph output '" + out.name() + "' is not produced by any node");
            }
        }
        return order;
    }
}
