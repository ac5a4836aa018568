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
            table.computeIfAbsent(row, k -> new LinkedHashMap<>()).put(engine, median(r));
            table.get(row).put(engine + ".min", r.getPrimaryResult().getStatistics().getMin());
        }
        // Markdown: case, threads, Onyx ms, ONNX Runtime ms, ratio
        // medians, then the fastest call of each (the machine's speed drifts between forks: compare both)
        System.out.printf("%n| case | threads | Onyx ms | ONNX Runtime ms | Onyx / ORT | Onyx fastest | ORT fastest | fastest ratio |%n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|%n");
        for (Map.Entry<String, Map<String, Double>> e : table.entrySet()) {
            Double onyx = e.getValue().get("onyx");
            Double ort = e.getValue().get("ort");
            if (onyx == null && ort == null) continue;
            String key = e.getKey();
            String threads = key.replaceFirst(".*threads=(\\d+).*", "$1");
            String name = key.replaceFirst(",? ?threads=\\d+", "").replace("{}", "").replace("{", "(").replace("}", ")").trim();
            Double onyxMin = e.getValue().get("onyx.min"), ortMin = e.getValue().get("ort.min");
            System.out.printf("| %s | %s | %s | %s | %s | %s | %s | %s |%n", name, threads.equals(key) ? "-" : threads, fmt(onyx), fmt(ort),
                    onyx != null && ort != null ? String.format("%.2f", onyx / ort) : "-", fmt(onyxMin), fmt(ortMin),
                    onyxMin != null && ortMin != null ? String.format("%.2f", onyxMin / ortMin) : "-");
        }
        Double peakMs = null;
        Double gemmMs = null;
        Double gemmBestMs = null;
        for (RunResult r : results) {
            String b = r.getParams().getBenchmark();
            // the peak is what the FMA units reach at best: the fastest iteration, not one slowed by other load
            if (b.endsWith("FmaPeakBenchmark.fmaPeak")) peakMs = r.getPrimaryResult().getStatistics().getMin();
            if (b.endsWith("OpBenchmark.run") && "gemm_1024".equals(r.getParams().getParam("op"))
                    && "onyx".equals(r.getParams().getParam("engine")) && "1".equals(r.getParams().getParam("threads"))) {
                gemmMs = median(r);
                gemmBestMs = r.getPrimaryResult().getStatistics().getMin();
            }
        }
        if (peakMs != null && !ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            System.out.println("\n(FMA peak measured; run this JVM with --add-modules jdk.incubator.vector to print it in GFLOP/s)");
        } else if (peakMs != null) {
            double peak = FmaPeakBenchmark.flopsPerCall() / (peakMs * 1e6);
            System.out.printf("%nFMA peak (one core, %d-bit vectors): %.1f GFLOP/s%n", FmaPeakBenchmark.S.vectorBitSize(), peak);
            if (gemmMs != null) {
                // like for like: the fastest GEMM call against the fastest peak call; the median call too, which on a
                // host with slow phases (everything 1.5x slower for seconds) mixes in calls the peak never had
                double best = 2.0 * 1024 * 1024 * 1024 / (gemmBestMs * 1e6);
                double gemm = 2.0 * 1024 * 1024 * 1024 / (gemmMs * 1e6);
                System.out.printf("Onyx GEMM 1024^3 (1 thread): fastest call %.1f GFLOP/s = %.0f%% of the FMA peak; median call %.1f GFLOP/s = %.0f%%%n",
                        best, 100 * best / peak, gemm, 100 * gemm / peak);
            }
        }
    }

    /** The median per-call time (sample mode keeps every call), robust to calls slowed by other load. */
    private static double median(RunResult r) {
        return r.getPrimaryResult().getStatistics().getPercentile(50);
    }

    private static String fmt(Double v) { return v == null ? "-" : String.format("%.3f", v); }
}
