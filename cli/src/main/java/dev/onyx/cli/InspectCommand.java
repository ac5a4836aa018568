package dev.onyx.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onyx.Session;
import dev.onyx.SessionOptions;
import dev.onyx.Onnx;
import dev.onyx.ir.Fact;
import dev.onyx.ir.Model;
import dev.onyx.ir.ValueInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/** {@code onyx inspect}: describes a model file without running it. */
@Command(name = "inspect", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Describes a model: producer, IR version, opsets, inputs and outputs (symbolic dims by name),",
                "node count, op histogram, parameter count, and the output shapes Onyx infers when it can compile the model."})
final class InspectCommand implements Callable<Integer>, OnyxCli.Verbosity {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL", description = "the .onnx file (default: the bundled small CNN)")
    Path model;

    @Option(names = "--json", description = "print one JSON object on stdout instead of text")
    boolean json;

    @Option(names = {"-v", "--verbose"}, description = "print stack traces on errors")
    boolean verbose;

    @Option(names = "--optimized", description = "also optimize the graph and show the op histogram before and after, and every rewrite")
    boolean optimized;

    @Option(names = "--optimization", paramLabel = "LEVEL", defaultValue = "all",
            description = "optimization level for --optimized: none, basic or all (default: ${DEFAULT-VALUE})")
    SessionOptions.OptimizationLevel level;

    @Override
    public boolean verbose() { return verbose; }

    @Override
    public Integer call() {
        SessionOptions options = SessionOptions.defaults();
        boolean bundled = model == null;
        Model m = bundled ? Bundled.model(options) : Onnx.read(model, options);
        String label = bundled ? Bundled.LABEL : model.toString();
        ModelStats stats = ModelStats.of(m.graph(), m.opsets());

        // Compiling gives inferred output shapes; a model Onyx cannot compile is still described.
        List<ValueInfo> inferred = null;
        String compileError = null;
        OptimizationSummary opt = null;
        try (Session s = Session.create(m, options.withThreads(1).withOptimizationLevel(optimized ? level : options.optimizationLevel()))) {
            inferred = s.outputs();
            if (optimized) opt = OptimizationSummary.of(m.graph(), s.optimizedGraph(), s.rewrites());
            stats.unsupported.clear(); // the optimizer may rewrite ops that have no kernel (e.g. Dropout)
        } catch (RuntimeException | StackOverflowError e) {
            compileError = Errors.oneLine(e);
        }

        var initNames = m.graph().initializers().keySet();
        List<ValueInfo> inputs = new ArrayList<>();
        int defaulted = 0;
        for (ValueInfo v : m.graph().inputs()) {
            if (initNames.contains(v.name())) defaulted++;
            else inputs.add(v);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (optimized && opt == null) throw new CliException("cannot optimize " + label + ": " + compileError);
        if (json) {
            ObjectNode o = toJson(label, bundled, m, stats, inputs, defaulted, inferred, compileError);
            if (opt != null) opt.putJson(o);
            Json.print(out, o);
        } else {
            printText(out, label, m, stats, inputs, defaulted, inferred, compileError);
            if (opt != null) opt.printText(out);
        }
        return 0;
    }

    private static Fact inferredFact(List<ValueInfo> inferred, String name) {
        if (inferred == null) return null;
        for (ValueInfo v : inferred) if (v.name().equals(name)) return v.fact();
        return null;
    }

    private static String producer(Model m) {
        String p = m.producerName().isEmpty() ? "(unknown)" : m.producerName();
        return m.producerVersion().isEmpty() ? p : p + " " + m.producerVersion();
    }

    private static Map<String, Integer> sortedOpsets(Model m) {
        Map<String, Integer> s = new TreeMap<>();
        m.opsets().forEach((d, v) -> s.put(d.isEmpty() ? "ai.onnx" : d, v));
        return s;
    }

    private void printText(PrintWriter pw, String label, Model m, ModelStats s, List<ValueInfo> inputs, int defaulted,
                           List<ValueInfo> inferred, String compileError) {
        pw.println("model        " + label);
        pw.println("producer     " + producer(m));
        pw.println("ir_version   " + m.irVersion());
        List<String> os = new ArrayList<>();
        sortedOpsets(m).forEach((d, v) -> os.add(d + " " + v));
        pw.println("opsets       " + String.join(", ", os));
        if (!m.domain().isEmpty()) pw.println("domain       " + m.domain());
        if (m.modelVersion() != 0) pw.println("version      " + m.modelVersion());
        if (!m.docString().isBlank()) pw.println("doc          " + Errors.oneLine(new CliException(m.docString())));
        m.metadata().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> pw.println("metadata     " + e.getKey() + " = " + e.getValue()));
        pw.println("inputs");
        for (ValueInfo v : inputs) pw.println("  " + v.name() + ": " + Facts.text(v.fact()));
        if (defaulted > 0) pw.println("  (+ " + defaulted + " initializer-backed inputs with default values)");
        pw.println("outputs");
        for (ValueInfo v : m.graph().outputs()) {
            Fact inf = inferredFact(inferred, v.name());
            String extra = inf != null && !inf.describe().equals(v.fact().describe()) ? "  (inferred: " + inf.describe() + ")" : "";
            pw.println("  " + v.name() + ": " + Facts.text(v.fact()) + extra);
        }
        pw.println("nodes        " + s.nodes + (s.subgraphs > 0 ? " (+ " + s.subgraphNodes + " in " + s.subgraphs + " subgraphs)" : ""));
        pw.println("parameters   " + String.format(java.util.Locale.ROOT, "%,d", s.parameters) + " in " + s.initializers
                + " initializers (" + bytes(s.parameterBytes) + ")");
        pw.println("ops");
        s.ops.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> pw.printf("  %-28s %d%s%n", e.getKey(), e.getValue(), s.unsupported.contains(e.getKey()) ? "  (unsupported)" : ""));
        pw.println("onyx         " + (compileError == null ? "compiles the model" : "cannot compile the model: " + compileError));
        pw.flush();
    }

    static String bytes(long b) {
        if (b < 1024) return b + " B";
        if (b < 1024 * 1024) return String.format(java.util.Locale.ROOT, "%.1f KiB", b / 1024.0);
        if (b < 1024L * 1024 * 1024) return String.format(java.util.Locale.ROOT, "%.1f MiB", b / 1048576.0);
        return String.format(java.util.Locale.ROOT, "%.2f GiB", b / 1073741824.0);
    }

    private ObjectNode toJson(String label, boolean bundled, Model m, ModelStats s, List<ValueInfo> inputs,
                              int defaulted, List<ValueInfo> inferred, String compileError) {
        ObjectNode o = Json.object();
        o.put("model", label);
        o.put("bundled", bundled);
        o.put("producer_name", m.producerName());
        o.put("producer_version", m.producerVersion());
        o.put("ir_version", m.irVersion());
        ObjectNode os = o.putObject("opsets");
        sortedOpsets(m).forEach(os::put);
        o.put("domain", m.domain());
        o.put("model_version", m.modelVersion());
        o.put("doc_string", m.docString());
        ObjectNode md = o.putObject("metadata");
        new TreeMap<>(m.metadata()).forEach(md::put);
        ArrayNode ins = o.putArray("inputs");
        for (ValueInfo v : inputs) ins.add(Facts.json(v));
        o.put("initializer_inputs", defaulted);
        ArrayNode outs = o.putArray("outputs");
        for (ValueInfo v : m.graph().outputs()) {
            ObjectNode j = Facts.json(v);
            Fact inf = inferredFact(inferred, v.name());
            if (inf != null) {
                ObjectNode i = j.putObject("inferred");
                Facts.putFact(i, inf);
            }
            outs.add(j);
        }
        o.put("nodes", s.nodes);
        o.put("subgraphs", s.subgraphs);
        o.put("subgraph_nodes", s.subgraphNodes);
        o.put("initializers", s.initializers);
        o.put("parameters", s.parameters);
        o.put("parameter_bytes", s.parameterBytes);
        ObjectNode ops = o.putObject("ops");
        s.ops.forEach(ops::put);
        ArrayNode un = o.putArray("unsupported_ops");
        s.unsupported.forEach(un::add);
        o.put("compiles", compileError == null);
        if (compileError == null) o.putNull("compile_error");
        else o.put("compile_error", compileError);
        return o;
    }
}
