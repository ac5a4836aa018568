package dev.onyx.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** The {@code onyx} command: subcommands to run and inspect ONNX models. */
@Command(name = "onyx", mixinStandardHelpOptions = true, versionProvider = OnyxCli.Version.class,
        description = "Onyx: a pure-Java ONNX inference runtime.",
        subcommands = {RunCommand.class, BenchCommand.class, InspectCommand.class, OptimizeCommand.class, ConformanceCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 success, 1 error (one line on stderr; --verbose adds the stack trace), 2 bad usage."})
public final class OnyxCli implements Runnable {
    /** Exit code for any failure other than bad usage. */
    public static final int EXIT_ERROR = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand (run, bench, inspect, optimize, conformance)");
    }

    public static void main(String[] args) {
        System.exit(execute(System.out, System.err, args));
    }

    /** Runs the command line with the given streams and returns the exit code (never calls System.exit). */
    public static int execute(PrintStream out, PrintStream err, String... args) {
        PrintWriter o = new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter e = new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        CommandLine cl = commandLine();
        cl.setOut(o);
        cl.setErr(e);
        try {
            return cl.execute(args);
        } finally {
            o.flush();
            e.flush();
        }
    }

    /** The configured picocli command line. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new OnyxCli());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler(OnyxCli::handleError);
        return cl;
    }

    private static int handleError(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (cl.getCommand() instanceof Verbosity v && v.verbose()) {
            ex.printStackTrace(err);
        }
        err.println("onyx: " + Errors.oneLine(ex));
        err.flush();
        return EXIT_ERROR;
    }

    /** Commands with a --verbose flag (stack traces on errors). */
    interface Verbosity {
        boolean verbose();
    }

    /** Version from the jar manifest, if any. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = OnyxCli.class.getPackage().getImplementationVersion();
            return new String[] {"onyx " + (v == null ? "0.1.0-SNAPSHOT" : v)
                    + " (Java " + System.getProperty("java.version") + ")"};
        }
    }
}
