package dev.onyx.cli;

import dev.onyx.Onnx;
import dev.onyx.Session;
import dev.onyx.SessionOptions;
import dev.onyx.importer.OnnxWriter;
import dev.onyx.ir.Model;
import dev.onyx.ops.fused.FusedOps;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code onyx optimize}: writes the optimized graph as an ONNX file. Fused nodes are ops of the
 * "ai.onyx" domain, folded weights are initializers; Onyx loads the file again with the same results.
 */
@Command(name = "optimize", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Optimizes a model and writes the result as an ONNX file (fused nodes in the ai.onyx domain).")
final class OptimizeCommand implements Callable<Integer>, OnyxCli.Verbosity {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "the .onnx file")
    Path model;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.onnx", description = "where to write the optimized model")
    Path output;

    @Option(names = "--optimization", paramLabel = "LEVEL", defaultValue = "all",
            description = "none, basic or all (default: ${DEFAULT-VALUE})")
    SessionOptions.OptimizationLevel level;

    @Option(names = {"-v", "--verbose"}, description = "print stack traces on errors")
    boolean verbose;

    @Override
    public boolean verbose() { return verbose; }

    @Override
    public Integer call() throws IOException {
        SessionOptions options = SessionOptions.defaults().withThreads(1).withOptimizationLevel(level);
        Model m = Onnx.read(model, options);
        try (Session s = Session.create(m, options)) {
            byte[] bytes = OnnxWriter.encode(m, s.optimizedGraph(), Map.of(FusedOps.DOMAIN, 1)).toByteArray();
            Path parent = output.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Files.write(output, bytes);
            spec.commandLine().getOut().println("wrote " + output + ": " + m.graph().nodes().size() + " -> "
                    + s.optimizedGraph().nodes().size() + " nodes, " + s.rewrites().size() + " rewrites");
        }
        return 0;
    }
}
