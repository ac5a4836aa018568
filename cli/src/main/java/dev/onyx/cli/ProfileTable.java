package dev.onyx.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onyx.runtime.StepProfile.Entry;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints a session's per-node times as two tables: by op type, and the slowest nodes. */
final class ProfileTable {
    /** How many of the slowest nodes to list. */
    static final int TOP_NODES = 15;

    private ProfileTable() {}

    /** Per op type: nodes, total milliseconds per run, share of the total; sorted by time. */
    record TypeRow(String opType, int nodes, double msPerRun, double share) {}

    static List<TypeRow> byType(List<Entry> entries, int runs) {
        long total = entries.stream().mapToLong(Entry::nanos).sum();
        Map<String, long[]> acc = new LinkedHashMap<>();
        for (Entry e : entries) {
            long[] a = acc.computeIfAbsent(e.opType(), t -> new long[2]);
            a[0]++;
            a[1] += e.nanos();
        }
        List<TypeRow> rows = new ArrayList<>();
        acc.forEach((type, a) -> rows.add(new TypeRow(type, (int) a[0], a[1] / 1e6 / runs, total == 0 ? 0 : (double) a[1] / total)));
        rows.sort(Comparator.comparingDouble(TypeRow::msPerRun).reversed());
        return rows;
    }

    static List<Entry> slowest(List<Entry> entries) {
        return entries.stream().sorted(Comparator.comparingLong(Entry::nanos).reversed()).limit(TOP_NODES).toList();
    }

    static void print(PrintWriter pw, List<Entry> entries, int runs) {
        pw.printf(Locale.ROOT, "%nby op type (ms per run, summed over nodes)%n");
        pw.printf(Locale.ROOT, "  %-28s %6s %10s %7s%n", "op", "nodes", "ms", "share");
        for (TypeRow r : byType(entries, runs)) {
            pw.printf(Locale.ROOT, "  %-28s %6d %10.3f %6.1f%%%n", r.opType(), r.nodes(), r.msPerRun(), 100 * r.share());
        }
        pw.printf(Locale.ROOT, "%nslowest nodes (ms per run)%n");
        for (Entry e : slowest(entries)) {
            pw.printf(Locale.ROOT, "  %-40s %-22s %10.3f%n", e.node(), e.opType(), e.nanos() / 1e6 / runs);
        }
        pw.flush();
    }

    static void json(ObjectNode o, List<Entry> entries, int runs) {
        ArrayNode types = o.putArray("profile_by_op_type");
        for (TypeRow r : byType(entries, runs)) {
            ObjectNode t = types.addObject();
            t.put("op_type", r.opType());
            t.put("nodes", r.nodes());
            t.put("ms_per_run", r.msPerRun());
            t.put("share", r.share());
        }
        ArrayNode nodes = o.putArray("profile_by_node");
        for (Entry e : entries) {
            ObjectNode n = nodes.addObject();
            n.put("node", e.node());
            n.put("op_type", e.opType());
            n.put("ms_per_run", e.nanos() / 1e6 / runs);
        }
    }
}
