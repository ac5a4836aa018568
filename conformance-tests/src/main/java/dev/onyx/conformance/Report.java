package dev.onyx.conformance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Conformance results as report.json (totals and every case) and report.md (per-suite totals, a per-operator
 * table where a case counts for every op it uses, then one row per case that did not pass, with its reason).
 */
public final class Report {
    private final List<CaseResult> results;

    public Report(List<CaseResult> results) { this.results = List.copyOf(results); }

    public List<CaseResult> results() { return results; }

    /** Counts per outcome. */
    public record Counts(int total, int passed, int failed, int unsupported, int errors, int skipped) {
        static Counts of(List<CaseResult> rs) {
            int[] n = new int[Outcome.values().length];
            for (CaseResult r : rs) n[r.outcome().ordinal()]++;
            return new Counts(rs.size(), n[Outcome.PASS.ordinal()], n[Outcome.FAIL.ordinal()],
                    n[Outcome.UNSUPPORTED.ordinal()], n[Outcome.ERROR.ordinal()], n[Outcome.SKIPPED.ordinal()]);
        }

        @Override
        public String toString() {
            return total + " cases: " + passed + " passed, " + failed + " failed, " + unsupported + " unsupported, "
                    + errors + " errors, " + skipped + " skipped";
        }
    }

    public Counts counts() { return Counts.of(results); }

    /** Counts per suite, in first-seen order. */
    public Map<String, Counts> bySuite() {
        Map<String, List<CaseResult>> groups = new LinkedHashMap<>();
        for (CaseResult r : results) groups.computeIfAbsent(r.suite(), k -> new ArrayList<>()).add(r);
        Map<String, Counts> out = new LinkedHashMap<>();
        groups.forEach((k, v) -> out.put(k, Counts.of(v)));
        return out;
    }

    /** Counts per default-domain op type, sorted by op; a case counts for every op its model uses. */
    public Map<String, Counts> byOp() {
        Map<String, List<CaseResult>> groups = new TreeMap<>();
        for (CaseResult r : results) {
            for (String op : r.ops()) groups.computeIfAbsent(op, k -> new ArrayList<>()).add(r);
        }
        Map<String, Counts> out = new LinkedHashMap<>();
        groups.forEach((k, v) -> out.put(k, Counts.of(v)));
        return out;
    }

    /** The report.json content. */
    public String json() {
        Counts c = counts();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("total", c.total());
        root.put("passed", c.passed());
        root.put("failed", c.failed());
        root.put("unsupported", c.unsupported());
        root.put("errors", c.errors());
        root.put("skipped", c.skipped());
        List<Map<String, Object>> cases = new ArrayList<>();
        for (CaseResult r : results) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("suite", r.suite());
            m.put("name", r.name());
            m.put("outcome", r.outcome().name());
            m.put("message", r.message());
            m.put("ops", r.ops());
            m.put("millis", r.millis());
            cases.add(m);
        }
        root.put("cases", cases);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write report JSON: " + e.getMessage(), e);
        }
    }

    /** The report.md content. */
    public String markdown() {
        StringBuilder sb = new StringBuilder("# Onyx ONNX conformance\n\n").append(counts()).append("\n\n");
        sb.append("## Suites\n\n| suite | cases | passed | failed | unsupported | errors | skipped |\n|---|---:|---:|---:|---:|---:|---:|\n");
        bySuite().forEach((s, c) -> row(sb, s, c));
        sb.append("\n## Operators\n\nA case counts for every default-domain operator its model uses.\n\n")
                .append("| op | cases | passed | failed | unsupported | errors | skipped |\n|---|---:|---:|---:|---:|---:|---:|\n");
        byOp().forEach((op, c) -> row(sb, op, c));
        sb.append("\n## Cases that do not pass\n\n| case | outcome | reason |\n|---|---|---|\n");
        Map<Outcome, List<CaseResult>> byOutcome = new EnumMap<>(Outcome.class);
        for (CaseResult r : results) {
            if (!r.passed()) byOutcome.computeIfAbsent(r.outcome(), k -> new ArrayList<>()).add(r);
        }
        byOutcome.values().forEach(list -> list.forEach(r -> sb.append("| ").append(cell(r.id())).append(" | ")
                .append(r.outcome()).append(" | ").append(cell(r.message())).append(" |\n")));
        return sb.toString();
    }

    private static void row(StringBuilder sb, String key, Counts c) {
        sb.append("| ").append(cell(key)).append(" | ").append(c.total()).append(" | ").append(c.passed()).append(" | ")
                .append(c.failed()).append(" | ").append(c.unsupported()).append(" | ").append(c.errors()).append(" | ")
                .append(c.skipped()).append(" |\n");
    }

    private static String cell(String s) { return s.replace("|", "\\|").replace("\n", " "); }

    /** Writes report.json and report.md into the folder (created when needed). */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("report.json"), json());
        Files.writeString(dir.resolve("report.md"), markdown());
    }
}
