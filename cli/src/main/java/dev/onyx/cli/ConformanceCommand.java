package dev.onyx.cli;

import dev.onyx.SessionOptions;
import dev.onyx.conformance.CaseDiscovery;
import dev.onyx.conformance.CaseResult;
import dev.onyx.conformance.CaseRunner;
import dev.onyx.conformance.Report;
import dev.onyx.conformance.TestCase;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/**
 * {@code onyx conformance}: runs ONNX backend-test cases (folders with model.onnx and
 * test_data_set_N) under the given roots, with a progress bar on stderr, then prints a summary with
 * a per-operator table (or one JSON object with --json) and writes report.json and report.md.
 */
@Command(name = "conformance", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs ONNX backend-test cases and reports pass/fail per case and per operator.")
final class ConformanceCommand implements Callable<Integer>, OnyxCli.Verbosity {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "ROOT", description = "folders holding cases (or one case folder each)")
    List<Path> roots;

    @Option(names = "--filter", paramLabel = "REGEX", description = "only cases whose suite/name matches (find, not full match)")
    Pattern filter;

    @Option(names = "--json", description = "print one JSON object on stdout instead of text")
    boolean json;

    @Option(names = "--report", paramLabel = "DIR", description = "write report.json and report.md into DIR")
    Path report;

    @Option(names = "--optimization", paramLabel = "LEVEL", defaultValue = "all",
            description = "none, basic, all (default: ${DEFAULT-VALUE}), or both: NONE and ALL must both pass")
    String level;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60", description = "per-case time limit (default: ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Option(names = {"-v", "--verbose"}, description = "print stack traces on errors")
    boolean verbose;

    @Override
    public boolean verbose() { return verbose; }

    @Override
    public Integer call() throws IOException {
        List<TestCase> cases = new ArrayList<>();
        for (Path r : roots) {
            if (!Files.isDirectory(r)) throw new CliException(r + ": no such folder");
            Path name = r.toAbsolutePath().normalize().getFileName();
            cases.addAll(CaseDiscovery.discover(new CaseDiscovery.Root(name == null ? r.toString() : name.toString(), r)));
        }
        if (filter != null) cases.removeIf(c -> !filter.matcher(c.id()).find());
        if (cases.isEmpty()) throw new CliException("no cases found under " + roots + (filter == null ? "" : " matching " + filter));

        Duration timeout = Duration.ofSeconds(Math.max(1, timeoutSeconds));
        SessionOptions base = SessionOptions.defaults().withThreads(1);
        boolean both = level.equalsIgnoreCase("both");
        CaseRunner runner = both ? null : new CaseRunner(base.withOptimizationLevel(parseLevel(level)), timeout);
        PrintWriter err = spec.commandLine().getErr();
        List<CaseResult> results = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            TestCase c = cases.get(i);
            results.add(both ? CaseRunner.runBothLevels(c, base, timeout) : runner.run(c));
            progress(err, i + 1, cases.size(), results);
        }
        err.println();
        Report r = new Report(results);
        if (report != null) r.write(report);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(r.json());
        } else {
            out.println(r.counts());
            out.printf("%n%-28s %6s %6s %6s %11s %6s %7s%n", "op", "cases", "passed", "failed", "unsupported", "errors", "skipped");
            for (Map.Entry<String, Report.Counts> e : r.byOp().entrySet()) {
                Report.Counts k = e.getValue();
                out.printf("%-28s %6d %6d %6d %11d %6d %7d%n", e.getKey(), k.total(), k.passed(), k.failed(),
                        k.unsupported(), k.errors(), k.skipped());
            }
            if (report != null) out.println("\nreport: " + report.resolve("report.md"));
        }
        out.flush();
        return 0;
    }

    private static SessionOptions.OptimizationLevel parseLevel(String s) {
        try {
            return SessionOptions.OptimizationLevel.valueOf(s.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CliException("--optimization: expected none, basic, all or both, got '" + s + "'");
        }
    }

    private static void progress(PrintWriter err, int done, int total, List<CaseResult> results) {
        int width = 30;
        int filled = (int) ((long) width * done / total);
        long passed = results.stream().filter(CaseResult::passed).count();
        err.print("\r[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + done + "/" + total + "  passed " + passed);
        err.flush();
    }
}
