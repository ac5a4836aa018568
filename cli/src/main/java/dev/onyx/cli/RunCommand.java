package dev.onyx.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onyx.Onnx;
import dev.onyx.Session;
import dev.onyx.SessionOptions;
import dev.onyx.SessionOptions.OptimizationLevel;
import dev.onyx.importer.TensorFiles;
import dev.onyx.ir.Model;
import dev.onyx.ir.ValueInfo;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code onyx run}: loads a model, runs it once and summarizes its outputs. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs a model once and prints each output (dtype, shape, first values, min/max/mean) and the timings.",
                "Without MODEL, runs the small CNN bundled in the jar on its bundled test input and checks the result."})
class RunCommand implements Callable<Integer>, OnyxCli.Verbosity {
    /** Largest absolute difference accepted when checking the bundled model against its expected output. */
    static final double BUNDLED_TOLERANCE = 1e-4;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL", description = "the .onnx file (default: the bundled small CNN)")
    Path model;

    @Option(names = {"-i", "--input"}, paramLabel = "NAME=FILE.pb",
            description = "an input as a TensorProto file; NAME may be left out when the file names the input or the model has one input")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--random-inputs", description = "fill inputs not given with seeded random values (normal(0,1) floats, integers in [0,10); symbolic dims = 1)")
    boolean randomInputs;

    @Option(names = "--seed", defaultValue = "0", description = "seed for --random-inputs (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR", description = "write each output to DIR/<output name>.pb")
    Path outputDir;

    @Option(names = "--json", description = "print one JSON object on stdout instead of text")
    boolean json;

    @Option(names = "--optimization", defaultValue = "all", paramLabel = "LEVEL",
            description = "graph optimization: none, basic or all (default: ${DEFAULT-VALUE})")
    OptimizationLevel optimization;

    @Option(names = "--threads", paramLabel = "N", description = "intra-op threads (default: available processors)")
    Integer threads;

    @Option(names = "--values", paramLabel = "N", defaultValue = "8", description = "how many first values to show per output (default: ${DEFAULT-VALUE})")
    int maxValues;

    @Option(names = {"-v", "--verbose"}, description = "print stack traces on errors")
    boolean verbose;

    @Override
    public boolean verbose() { return verbose; }

    record Feed(Tensor tensor, String source) {}

    @Override
    public Integer call() {
        if (threads != null && threads < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1, got " + threads);
        }
        if (maxValues < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--values must be at least 0, got " + maxValues);
        }
        SessionOptions options = SessionOptions.defaults().withOptimizationLevel(optimization);
        if (threads != null) options = options.withThreads(threads);
        boolean bundled = model == null;

        long t0 = System.nanoTime();
        Session session;
        if (bundled) {
            Model m = Bundled.model(options);
            session = Session.create(m, options);
        } else {
            session = Onnx.load(model, options);
        }
        double loadMs = (System.nanoTime() - t0) / 1e6;
        String label = bundled ? Bundled.LABEL : model.toString();

        try (session) {
            Map<String, Feed> feeds = readInputs(session);
            Tensor expected = null;
            if (bundled && inputs.isEmpty() && !randomInputs) {
                feeds.put(session.inputs().get(0).name(), new Feed(Bundled.input(), "bundled " + Bundled.INPUT));
                expected = Bundled.expected();
            }
            addMissing(session, feeds);

            Map<String, Tensor> in = new LinkedHashMap<>();
            feeds.forEach((k, v) -> in.put(k, v.tensor()));
            long t1 = System.nanoTime();
            Map<String, Tensor> out = session.run(in);
            double runMs = (System.nanoTime() - t1) / 1e6;

            Map<String, Path> written = writeOutputs(out);
            Double diff = null;
            if (expected != null) diff = maxAbsDiff(out.values().iterator().next(), expected);

            PrintWriter pw = spec.commandLine().getOut();
            if (json) printJson(pw, label, bundled, session, feeds, out, written, loadMs, runMs, diff);
            else printText(pw, label, session, feeds, out, written, loadMs, runMs, diff);
            if (diff != null && !(diff <= BUNDLED_TOLERANCE)) {
                throw new CliException("the bundled model's output differs from its expected output (max abs diff "
                        + TensorSummary.num(diff) + " > " + BUNDLED_TOLERANCE + ")");
            }
        }
        return 0;
    }

    Map<String, Feed> readInputs(Session session) {
        Map<String, ValueInfo> declared = new LinkedHashMap<>();
        for (ValueInfo v : session.inputs()) declared.put(v.name(), v);
        Map<String, Feed> feeds = new LinkedHashMap<>();
        for (String spec : inputs) {
            int eq = spec.indexOf('=');
            String name = eq < 0 ? null : spec.substring(0, eq);
            String fileText = eq < 0 ? spec : spec.substring(eq + 1);
            if (fileText.isEmpty()) throw new CliException("--input " + spec + ": no file given (expected NAME=FILE.pb)");
            Path file = Path.of(fileText);
            if (!Files.exists(file)) throw new CliException("input file " + file + ": no such file");
            if (Files.isDirectory(file)) throw new CliException("input file " + file + ": is a directory");
            TensorFiles.Named t = TensorFiles.read(file);
            if (name == null || name.isEmpty()) {
                if (!t.name().isEmpty()) name = t.name();
                else if (declared.size() == 1) name = declared.keySet().iterator().next();
                else throw new CliException("--input " + spec + ": the file names no input and the model has "
                        + declared.size() + " inputs; write NAME=" + fileText + " (inputs: " + String.join(", ", declared.keySet()) + ")");
                if (!declared.containsKey(name) && declared.size() == 1 && eq < 0) {
                    name = declared.keySet().iterator().next();
                }
            }
            if (!declared.containsKey(name)) {
                throw new CliException("unknown input '" + name + "' (from " + file + "); the model's inputs are: " + describe(declared.values()));
            }
            if (feeds.put(name, new Feed(t.tensor(), file.toString())) != null) {
                throw new CliException("input '" + name + "' is given twice");
            }
        }
        return feeds;
    }

    void addMissing(Session session, Map<String, Feed> feeds) {
        Set<String> defaults = session.model().graph().initializers().keySet();
        List<ValueInfo> missing = new ArrayList<>();
        for (ValueInfo v : session.inputs()) {
            if (!feeds.containsKey(v.name()) && !defaults.contains(v.name())) missing.add(v);
        }
        if (missing.isEmpty()) return;
        if (!randomInputs) {
            throw new CliException((missing.size() == 1 ? "missing input: " : "missing inputs: ") + describe(missing)
                    + "; give --input NAME=FILE.pb or use --random-inputs");
        }
        RandomInputs random = new RandomInputs(seed, session.options().maxTensorBytes());
        for (ValueInfo v : session.inputs()) {
            Feed given = feeds.get(v.name());
            if (given != null) random.bind(v, given.tensor());
        }
        for (ValueInfo v : missing) feeds.put(v.name(), new Feed(random.make(v), "random (seed " + seed + ")"));
    }

    private static String describe(java.util.Collection<ValueInfo> values) {
        List<String> s = new ArrayList<>();
        for (ValueInfo v : values) s.add(v.name() + " (" + Facts.text(v.fact()) + ")");
        return s.isEmpty() ? "(none)" : String.join(", ", s);
    }

    private Map<String, Path> writeOutputs(Map<String, Tensor> out) {
        Map<String, Path> written = new LinkedHashMap<>();
        if (outputDir == null) return written;
        try {
            Files.createDirectories(outputDir);
        } catch (IOException e) {
            throw new CliException("cannot create output directory " + outputDir + ": " + e.getMessage(), e);
        }
        Set<String> used = new HashSet<>();
        for (Map.Entry<String, Tensor> e : out.entrySet()) {
            Path file = outputDir.resolve(FileNames.unique(e.getKey(), used) + ".pb");
            try {
                TensorFiles.write(file, e.getKey(), e.getValue());
            } catch (IOException ex) {
                throw new CliException("cannot write " + file + ": " + ex.getMessage(), ex);
            }
            written.put(e.getKey(), file);
        }
        return written;
    }

    static double maxAbsDiff(Tensor a, Tensor b) {
        if (a.dtype() != b.dtype() || !java.util.Arrays.equals(a.shape(), b.shape())) return Double.POSITIVE_INFINITY;
        if (a.dtype() == DType.STRING) return a.equals(b) ? 0 : Double.POSITIVE_INFINITY;
        double m = 0;
        for (int i = 0; i < a.size(); i++) {
            double d = Math.abs(a.getDouble(i) - b.getDouble(i));
            if (Double.isNaN(d)) return Double.NaN;
            m = Math.max(m, d);
        }
        return m;
    }

    private void printText(PrintWriter pw, String label, Session session, Map<String, Feed> feeds, Map<String, Tensor> out,
                           Map<String, Path> written, double loadMs, double runMs, Double diff) {
        Model m = session.model();
        pw.println("model    " + label + "  (opset " + m.defaultOpset() + ", " + m.graph().nodes().size() + (m.graph().nodes().size() == 1 ? " node)" : " nodes)"));
        for (Map.Entry<String, Feed> e : feeds.entrySet()) {
            TensorSummary s = TensorSummary.of(e.getValue().tensor(), 0);
            pw.println("input    " + e.getKey() + ": " + s.typeAndShape() + "  <- " + e.getValue().source());
        }
        for (Map.Entry<String, Tensor> e : out.entrySet()) {
            TensorSummary s = TensorSummary.of(e.getValue(), maxValues);
            pw.println("output   " + e.getKey() + ": " + s.typeAndShape() + (written.containsKey(e.getKey()) ? "  -> " + written.get(e.getKey()) : ""));
            pw.println("  values " + s.valuesText(maxValues));
            String stats = s.statsText();
            if (!stats.isEmpty()) pw.println("  stats  " + stats);
        }
        if (diff != null) {
            pw.println("check    " + (diff <= BUNDLED_TOLERANCE ? "matches" : "DIFFERS FROM")
                    + " the bundled expected output (max abs diff " + TensorSummary.num(diff) + ")");
        }
        pw.printf(java.util.Locale.ROOT, "time     load %.1f ms, run %.1f ms%n", loadMs, runMs);
        pw.flush();
    }

    private void printJson(PrintWriter pw, String label, boolean bundled, Session session, Map<String, Feed> feeds,
                           Map<String, Tensor> out, Map<String, Path> written, double loadMs, double runMs, Double diff) {
        ObjectNode o = Json.object();
        o.put("model", label);
        o.put("bundled", bundled);
        o.put("opset", session.model().defaultOpset());
        ArrayNode ins = o.putArray("inputs");
        for (Map.Entry<String, Feed> e : feeds.entrySet()) {
            ObjectNode i = ins.addObject();
            i.put("name", e.getKey());
            TensorSummary s = TensorSummary.of(e.getValue().tensor(), 0);
            i.put("dtype", s.dtype().toString());
            ArrayNode sh = i.putArray("shape");
            for (int d : s.shape()) sh.add(d);
            i.put("source", e.getValue().source());
        }
        ArrayNode outs = o.putArray("outputs");
        for (Map.Entry<String, Tensor> e : out.entrySet()) {
            ObjectNode j = outs.addObject();
            j.put("name", e.getKey());
            j.setAll(TensorSummary.of(e.getValue(), maxValues).toJson(maxValues));
            if (written.containsKey(e.getKey())) j.put("file", written.get(e.getKey()).toString());
        }
        if (diff != null) {
            ObjectNode c = o.putObject("check");
            c.put("expected", "bundled " + Bundled.EXPECTED);
            TensorSummary.putNumber(c, "max_abs_diff", diff);
            c.put("tolerance", BUNDLED_TOLERANCE);
            c.put("ok", diff <= BUNDLED_TOLERANCE);
        }
        ObjectNode t = o.putObject("time_ms");
        t.put("load", loadMs);
        t.put("run", runMs);
        Json.print(pw, o);
    }
}
