package dev.onyx.conformance;

import dev.onyx.SessionOptions;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The ONNX backend suites, one dynamic test per case ("suite/name"), each run at optimization level NONE and ALL.
 * Only cases listed in the ratchet (src/test/resources/ratchet/*.txt) must pass; any other case that does not
 * pass is reported as aborted with its outcome, so unimplemented ops do not fail the build. The last test writes
 * target/conformance/report.{json,md}, prints newly passing cases and, with -Donyx.ratchet.update=true, rewrites
 * the lists.
 *
 * <p>Properties: {@code onyx.conformance.filter} (regex found in "suite/name": run a subset),
 * {@code onyx.conformance.timeoutSeconds} (per case and level, default 60), {@code onyx.conformance.verbose}
 * (print every case that does not pass).
 */
class ConformanceTest {
    private static final Path MODULE = CaseDiscovery.repositoryRoot().resolve("conformance-tests");
    static final Path RATCHET_DIR = MODULE.resolve("src/test/resources/ratchet");
    static final Path REPORT_DIR = MODULE.resolve("target/conformance");

    @TestFactory
    Stream<DynamicNode> backendSuites() {
        String filterText = System.getProperty("onyx.conformance.filter");
        Pattern filter = filterText == null || filterText.isBlank() ? null : Pattern.compile(filterText);
        Duration timeout = Duration.ofSeconds(Long.getLong("onyx.conformance.timeoutSeconds", 60));
        boolean verbose = Boolean.getBoolean("onyx.conformance.verbose");
        SessionOptions base = SessionOptions.defaults();

        List<CaseDiscovery.Root> roots = CaseDiscovery.defaultRoots();
        List<DynamicNode> absent = new ArrayList<>();
        for (CaseDiscovery.Root r : roots) {
            if (!r.exists()) {
                String msg = "suite " + r.suite() + " skipped: folder " + r.dir() + " is absent (CI installs it)";
                absent.add(DynamicTest.dynamicTest(r.suite() + " (absent)", () -> Assumptions.abort(msg)));
            }
        }
        List<TestCase> cases = CaseDiscovery.discover(roots).stream()
                .filter(c -> filter == null || filter.matcher(c.id()).find()).toList();
        Ratchet ratchet = Ratchet.load(RATCHET_DIR);
        List<CaseResult> results = Collections.synchronizedList(new ArrayList<>());

        Stream<DynamicNode> perCase = cases.stream().map(c -> DynamicTest.dynamicTest(c.id(), c.dir().toUri(), () -> {
            CaseResult r = CaseRunner.runBothLevels(c, base, timeout);
            results.add(r);
            boolean listed = ratchet.requires(c.suite(), c.name());
            if (listed) {
                Assertions.assertTrue(r.passed(), () -> "ratchet-listed case " + c.id() + " no longer passes: "
                        + r.outcome() + " " + r.message());
            } else if (!r.passed()) {
                if (verbose) System.out.println(c.id() + ": " + r.outcome() + " " + r.message());
                Assumptions.abort(r.outcome() + ": " + r.message());
            }
        }));
        DynamicNode summary = DynamicTest.dynamicTest("ratchet and report", () -> summarize(List.copyOf(results), ratchet, filter == null));
        return Stream.of(absent.stream(), perCase, Stream.of(summary)).flatMap(s -> s);
    }

    private static void summarize(List<CaseResult> results, Ratchet ratchet, boolean complete) throws Exception {
        Report report = new Report(results);
        report.write(REPORT_DIR);
        System.out.println("Conformance: " + report.counts() + " (report: " + REPORT_DIR.resolve("report.md") + ")");
        report.bySuite().forEach((s, c) -> System.out.println("  " + s + ": " + c));
        Ratchet.Verdict v = ratchet.check(results, complete);
        if (!v.progress().isEmpty()) {
            int n = v.progress().values().stream().mapToInt(List::size).sum();
            System.out.println(n + " case(s) pass but are not in the ratchet lists (" + RATCHET_DIR
                    + "); add them, or rerun with -D" + Ratchet.UPDATE_PROPERTY + "=true:\n" + v.progressText());
        }
        if (Boolean.getBoolean(Ratchet.UPDATE_PROPERTY)) {
            Map<String, Set<String>> lists = ratchet.updated(results);
            Ratchet.write(RATCHET_DIR, lists);
            System.out.println("Ratchet lists rewritten in " + RATCHET_DIR);
            return;
        }
        if (!v.ok()) {
            String regress = v.regressions().stream().map(r -> "  " + r.id() + ": " + r.outcome() + " " + r.message())
                    .collect(Collectors.joining("\n"));
            Assertions.fail("ratchet: " + v.regressions().size() + " listed case(s) do not pass"
                    + (regress.isEmpty() ? "" : ":\n" + regress)
                    + (v.missing().isEmpty() ? "" : "\nlisted but not found (stale list entries): " + v.missing()));
        }
    }
}
