package dev.onyx.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onyx.Onnx;
import dev.onyx.Session;
import dev.onyx.SessionOptions;
import dev.onyx.tensor.Tensor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code onyx bench}: loads a model once, warms up, then times repeated runs and prints the median,
 * p90, min and mean wall time. Inputs as for {@code run} (files, or --random-inputs; the bundled model
 * uses its bundled input). For comparisons with ONNX Runtime, use the JMH benchmarks, which run both
 * in the same process.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Times repeated runs of a model: median, p90, min and mean wall time per run.")
final class BenchCommand extends RunCommand {
    @Option(names = "--warmup", paramLabel = "N", defaultValue = "10", description = "untimed runs first (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "30", description = "timed runs (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--profile", description = "also time every node and print where the time goes, by op type and by node")
    boolean profile;

    @Override
    public Integer call() {
        if (iterations < 1 || warmup < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--iterations must be >= 1 and --warmup >= 0");
        }
        if (threads != null && threads < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1, got " + threads);
        }
        SessionOptions options = SessionOptions.defaults().withOptimizationLevel(optimization);
        if (threads != null) options = options.withThreads(threads);
        if (profile) options = options.withProfiling(true);
        boolean bundled = model == null;
        long t0 = System.nanoTime();
        Session session = bundled ? Session.create(Bundled.model(options), options) : Onnx.load(model, options);
        double loadMs = (System.nanoTime() - t0) / 1e6;
        try (session) {
            Map<String, Feed> feeds = readInputs(session);
            if (bundled && inputs.isEmpty() && !randomInputs) {
                feeds.put(session.inputs().get(0).name(), new Feed(Bundled.input(), "bundled"));
            }
            addMissing(session, feeds);
            Map<String, Tensor> in = new LinkedHashMap<>();
            feeds.forEach((k, v) -> in.put(k, v.tensor()));
            for (int i = 0; i < warmup; i++) session.run(in);
            session.resetProfile();
            double[] ms = new double[iterations];
            for (int i = 0; i < iterations; i++) {
                long t = System.nanoTime();
                session.run(in);
                ms[i] = (System.nanoTime() - t) / 1e6;
            }
            double mean = Arrays.stream(ms).average().orElse(0);
            Arrays.sort(ms);
            double median = ms[ms.length / 2];
            double p90 = ms[Math.min(ms.length - 1, (int) Math.ceil(ms.length * 0.9) - 1)];
            String label = bundled ? Bundled.LABEL : model.toString();
            PrintWriter pw = spec.commandLine().getOut();
            if (json) {
                ObjectNode o = Json.object();
                o.put("model", label);
                o.put("threads", options.threads());
                o.put("optimization", optimization.name().toLowerCase(Locale.ROOT));
                o.put("load_ms", loadMs);
                o.put("warmup", warmup);
                o.put("iterations", iterations);
                o.put("median_ms", median);
                o.put("p90_ms", p90);
                o.put("min_ms", ms[0]);
                o.put("mean_ms", mean);
                if (profile) ProfileTable.json(o, session.profile(), iterations);
                Json.print(pw, o);
            } else {
                pw.printf(Locale.ROOT, "model    %s (threads %d, optimization %s)%n", label, options.threads(),
                        optimization.name().toLowerCase(Locale.ROOT));
                pw.printf(Locale.ROOT, "load     %.1f ms%n", loadMs);
                pw.printf(Locale.ROOT, "runs     %d timed after %d warm-up%n", iterations, warmup);
                pw.printf(Locale.ROOT, "time     median %.3f ms  p90 %.3f ms  min %.3f ms  mean %.3f ms%n", median, p90, ms[0], mean);
                if (profile) ProfileTable.print(pw, session.profile(), iterations);
                pw.flush();
            }
        }
        return 0;
    }
}
