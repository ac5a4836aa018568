package dev.onyx.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onyx.ir.Graph;
import dev.onyx.ir.Node;
import dev.onyx.pass.Rewrite;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the optimizer did to a graph: node counts and op histograms before and after, and the rewrites. */
record OptimizationSummary(int nodesBefore, int nodesAfter, Map<String, Integer> opsBefore,
                           Map<String, Integer> opsAfter, List<Rewrite> rewrites) {

    static OptimizationSummary of(Graph before, Graph after, List<Rewrite> rewrites) {
        return new OptimizationSummary(before.nodes().size(), after.nodes().size(), histogram(before), histogram(after), rewrites);
    }

    static Map<String, Integer> histogram(Graph g) {
        Map<String, Integer> h = new TreeMap<>();
        for (Node n : g.nodes()) h.merge(n.domain().isEmpty() ? n.opType() : n.domain() + "." + n.opType(), 1, Integer::sum);
        return h;
    }

    void putJson(ObjectNode o) {
        o.put("nodes_before", nodesBefore);
        o.put("nodes_after", nodesAfter);
        ObjectNode b = o.putObject("ops_before");
        opsBefore.forEach(b::put);
        ObjectNode a = o.putObject("ops_after");
        opsAfter.forEach(a::put);
        ArrayNode r = o.putArray("rewrites");
        for (Rewrite w : rewrites) {
            ObjectNode j = r.addObject();
            j.put("pass", w.pass());
            ArrayNode rep = j.putArray("replaced");
            w.replaced().forEach(rep::add);
            j.put("created", w.created());
        }
    }

    void printText(PrintWriter pw) {
        pw.println("optimized    " + nodesBefore + " -> " + nodesAfter + " nodes, " + rewrites.size() + " rewrites");
        TreeMap<String, int[]> both = new TreeMap<>();
        opsBefore.forEach((k, v) -> both.computeIfAbsent(k, x -> new int[2])[0] = v);
        opsAfter.forEach((k, v) -> both.computeIfAbsent(k, x -> new int[2])[1] = v);
        pw.printf("  %-28s %7s %7s%n", "op", "before", "after");
        both.forEach((k, v) -> pw.printf("  %-28s %7d %7d%n", k, v[0], v[1]));
        pw.println("rewrites");
        for (Rewrite w : rewrites) pw.println("  " + w);
        pw.flush();
    }
}
