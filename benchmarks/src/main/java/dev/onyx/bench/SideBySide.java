package dev.onyx.bench;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs JMH (same arguments as the JMH command line) and then prints, for every benchmark and
 * parameter set, Onyx's time next to ONNX Runtime's from the same run, and their ratio.
 */
public final class SideBySide {
    private SideBySide() {}

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        Collection<RunResult> results = new Runner(new CommandLineOptions(args)).run();
        Map<String, Map<String, Double>> table = new TreeMap<>();
        for (RunResult r : results) {
            Map<String, String> params = new LinkedHashMap<>();
            String engine = null;
            for (String key : r.getParams().getParamsKeys()) {
                if (key.equals("engine")) engine = r.getParams().getParam(key);
                else params.put(key, r.getParams().getParam(key));
            }
            String row = r.getParams().getBenchmark().replaceFirst(".*\\.(\\w+Benchmark)\\..*", "$1") + " " + params;
            table.computeIfAbsent(row, k -> new LinkedHashMap<>()).put(engine, r.getPrimaryResult().getScore());
        }
        System.out.printf("%n%-60s %12s %12s %10s%n", "benchmark", "onyx (ms)", "ort (ms)", "onyx/ort");
        for (Map.Entry<String, Map<String, Double>> e : table.entrySet()) {
            Double onyx = e.getValue().get("onyx");
            Double ort = e.getValue().get("ort");
            System.out.printf("%-60s %12s %12s %10s%n", e.getKey(), fmt(onyx), fmt(ort),
                    onyx != null && ort != null ? String.format("%.2fx", onyx / ort) : "-");
        }
    }

    private static String fmt(Double v) { return v == null ? "-" : String.format("%.3f", v); }
}
