package dev.onyx.runtime;

import dev.onyx.ir.Attribute;
import dev.onyx.ir.Graph;
import dev.onyx.ir.Node;
import dev.onyx.ir.ValueInfo;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The names a node's subgraphs (If, Loop, Scan bodies) read from enclosing scopes. */
public final class SubgraphRefs {
    private SubgraphRefs() {}

    public static Set<String> outerReads(Node n) {
        Set<String> result = new LinkedHashSet<>();
        for (Attribute a : n.attributes().asMap().values()) {
            if (a.value() instanceof Graph g) collect(g, result);
            else if (a.value() instanceof List<?> l) {
                for (Object o : l) if (o instanceof Graph g) collect(g, result);
            }
        }
        return result;
    }

    /** The names a graph reads from enclosing scopes (its own nested subgraphs included), in first-use order. */
    public static Set<String> reads(Graph g) {
        Set<String> result = new LinkedHashSet<>();
        collect(g, result);
        return result;
    }

    /** Whether any attribute of the node holds a graph. */
    public static boolean hasSubgraphs(Node n) {
        for (Attribute a : n.attributes().asMap().values()) {
            if (a.value() instanceof Graph) return true;
            if (a.value() instanceof List<?> l) for (Object o : l) if (o instanceof Graph) return true;
        }
        return false;
    }

    private static void collect(Graph g, Set<String> result) {
        Set<String> local = new HashSet<>(g.initializers().keySet());
        for (ValueInfo v : g.inputs()) local.add(v.name());
        for (Node n : g.nodes()) local.addAll(n.outputs());
        for (Node n : g.nodes()) {
            for (String in : n.inputs()) if (!in.isEmpty() && !local.contains(in)) result.add(in);
            for (String in : outerReads(n)) if (!local.contains(in)) result.add(in);
        }
        for (ValueInfo v : g.outputs()) if (!local.contains(v.name())) result.add(v.name());
    }
}
