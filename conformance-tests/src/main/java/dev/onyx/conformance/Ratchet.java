package dev.onyx.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The checked-in lists of cases that must pass, one file per suite: {@code <dir>/<suite with '/' as '_'>.txt},
 * one case name per line, {@code #} starts a comment. A listed case that does not pass is a regression; a
 * passing case that is not listed is progress, to be added to the list (see {@link #updated}). Lists are keyed
 * by file stem ({@link #fileStem}).
 */
public final class Ratchet {
    public static final String UPDATE_PROPERTY = "onyx.ratchet.update";

    private final Map<String, Set<String>> required;

    public Ratchet(Map<String, ? extends Set<String>> required) {
        Map<String, Set<String>> m = new TreeMap<>();
        required.forEach((k, v) -> m.put(k, Set.copyOf(v)));
        this.required = m;
    }

    /** Reads every list in the folder (none when it is absent). */
    public static Ratchet load(Path dir) {
        Map<String, Set<String>> m = new TreeMap<>();
        if (!Files.isDirectory(dir)) return new Ratchet(m);
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.filter(p -> p.getFileName().toString().endsWith(".txt")).toList()) {
                String file = f.getFileName().toString();
                m.put(file.substring(0, file.length() - 4), parse(Files.readString(f)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot read ratchet lists: " + e.getMessage(), e);
        }
        return new Ratchet(m);
    }

    /** The case names of one list file's text: comments and blank lines dropped. */
    static Set<String> parse(String text) {
        Set<String> names = new TreeSet<>();
        for (String line : text.split("\\R")) {
            int hash = line.indexOf('#');
            String name = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (!name.isEmpty()) names.add(name);
        }
        return names;
    }

    /** The file name (without .txt) of a suite's list. */
    public static String fileStem(String suite) { return suite.replace('/', '_'); }

    public boolean requires(String suite, String name) {
        Set<String> s = required.get(fileStem(suite));
        return s != null && s.contains(name);
    }

    /** The lists, by file stem. */
    public Map<String, Set<String>> required() { return required; }

    /**
     * What the results say about the lists.
     *
     * @param regressions listed cases that ran and did not pass, with their result
     * @param missing     listed cases of a suite that ran completely, but no such case was found
     * @param progress    passing cases not listed, by suite
     */
    public record Verdict(List<CaseResult> regressions, Map<String, List<String>> missing,
                          Map<String, List<String>> progress) {
        public boolean ok() { return regressions.isEmpty() && missing.isEmpty(); }

        /** The progress as text ready to paste into the list files. */
        public String progressText() {
            StringBuilder sb = new StringBuilder();
            progress.forEach((suite, names) -> {
                sb.append("# ").append(fileStem(suite)).append(".txt: ").append(names.size()).append(" newly passing\n");
                names.forEach(n -> sb.append(n).append('\n'));
            });
            return sb.toString();
        }
    }

    /**
     * Checks results; suites not run are left alone. {@code complete}: every case of the suites that ran was run
     * (no filter), so a listed name that is absent means a stale list.
     */
    public Verdict check(List<CaseResult> results, boolean complete) {
        List<CaseResult> regressions = new ArrayList<>();
        Map<String, Set<String>> ran = new TreeMap<>();
        Map<String, List<String>> progress = new TreeMap<>();
        for (CaseResult r : results) {
            ran.computeIfAbsent(r.suite(), k -> new TreeSet<>()).add(r.name());
            boolean listed = requires(r.suite(), r.name());
            if (listed && !r.passed()) regressions.add(r);
            if (!listed && r.passed()) progress.computeIfAbsent(r.suite(), k -> new ArrayList<>()).add(r.name());
        }
        progress.values().forEach(l -> l.sort(null));
        Map<String, List<String>> missing = new TreeMap<>();
        ran.forEach((suite, names) -> {
            List<String> m = required.getOrDefault(fileStem(suite), Set.of()).stream()
                    .filter(n -> !names.contains(n)).sorted().toList();
            if (!m.isEmpty() && complete) missing.put(suite, m);
        });
        return new Verdict(regressions, missing, progress);
    }

    /**
     * The lists rewritten from results: for each suite that ran, the old list minus the cases that ran, plus the
     * cases that passed (so a filtered run keeps the entries it did not run). Other suites are unchanged. Keyed
     * by file stem.
     */
    public Map<String, Set<String>> updated(List<CaseResult> results) {
        Map<String, Set<String>> out = new TreeMap<>();
        required.forEach((k, v) -> out.put(k, new TreeSet<>(v)));
        Map<String, List<CaseResult>> bySuite = new LinkedHashMap<>();
        for (CaseResult r : results) bySuite.computeIfAbsent(r.suite(), k -> new ArrayList<>()).add(r);
        bySuite.forEach((suite, rs) -> {
            Set<String> list = out.computeIfAbsent(fileStem(suite), k -> new TreeSet<>());
            for (CaseResult r : rs) {
                if (r.passed()) list.add(r.name());
                else list.remove(r.name());
            }
        });
        return out;
    }

    /** Writes lists (keyed by file stem, one file each) into the folder. */
    public static void write(Path dir, Map<String, Set<String>> lists) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, Set<String>> e : lists.entrySet()) {
            StringBuilder sb = new StringBuilder("# Conformance cases that must pass (")
                    .append(e.getValue().size()).append(").\n# One name per line; '#' starts a comment. ")
                    .append("Regenerate with -D").append(UPDATE_PROPERTY).append("=true.\n");
            new TreeSet<>(e.getValue()).forEach(n -> sb.append(n).append('\n'));
            Files.writeString(dir.resolve(fileStem(e.getKey()) + ".txt"), sb.toString());
        }
    }
}
