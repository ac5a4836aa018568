package dev.onyx.conformance;

import dev.onyx.Onnx;
import dev.onyx.Session;
import dev.onyx.SessionOptions;
import dev.onyx.UnsupportedModelException;
import dev.onyx.importer.TensorFiles;
import dev.onyx.importer.proto.OnnxProto.ModelProto;
import dev.onyx.importer.proto.OnnxProto.NodeProto;
import dev.onyx.ir.Graph;
import dev.onyx.ir.ValueInfo;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one backend-test case: loads the model once, feeds each test_data_set's input_i.pb to the i-th graph input
 * that has no initializer (by position: the .pb name may be empty) and compares output_i.pb with the i-th graph
 * output. Each case runs on its own daemon thread and is abandoned after the timeout, so nothing hangs.
 */
public final class CaseRunner {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "onyx-conformance-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private final SessionOptions options;
    private final Duration timeout;

    public CaseRunner(SessionOptions options, Duration timeout) {
        this.options = options;
        this.timeout = timeout;
    }

    public CaseRunner(SessionOptions options) { this(options, DEFAULT_TIMEOUT); }

    public SessionOptions options() { return options; }

    /**
     * Runs the case at optimization level NONE and then ALL (with {@code base}'s other settings) and combines the
     * two results ({@link CaseResult#combine}): it passes only when both pass. Skipped cases run once.
     */
    public static CaseResult runBothLevels(TestCase c, SessionOptions base, Duration timeout) {
        CaseResult none = new CaseRunner(base.withOptimizationLevel(SessionOptions.OptimizationLevel.NONE), timeout).run(c);
        if (none.outcome() == Outcome.SKIPPED) return none;
        CaseResult all = new CaseRunner(base.withOptimizationLevel(SessionOptions.OptimizationLevel.ALL), timeout).run(c);
        return CaseResult.combine("NONE", none, "ALL", all);
    }

    /** Runs the case with its suite's tolerance ({@link Tolerance#forCase}). Never throws. */
    public CaseResult run(TestCase c) { return run(c, Tolerance.forCase(c.suite(), c.name())); }

    /** Runs the case with the given tolerance. Never throws. */
    public CaseResult run(TestCase c, Tolerance tol) {
        long start = System.nanoTime();
        List<String> ops;
        try {
            ops = opTypes(c.model());
        } catch (IOException | RuntimeException e) {
            return result(c, Outcome.ERROR, "cannot read model.onnx: " + describe(e), List.of(), start);
        }
        Optional<String> skip = Skips.reason(c.name(), ops);
        if (skip.isPresent()) return result(c, Outcome.SKIPPED, skip.get(), ops, start);
        Future<CaseResult> f = POOL.submit(() -> runNow(c, tol, ops, start));
        try {
            return f.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            return result(c, Outcome.ERROR, "timed out after " + timeout.toSeconds() + " s (abandoned)", ops, start);
        } catch (ExecutionException e) {
            return result(c, Outcome.ERROR, describe(e.getCause()), ops, start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
            return result(c, Outcome.ERROR, "interrupted", ops, start);
        }
    }

    private CaseResult runNow(TestCase c, Tolerance tol, List<String> ops, long start) {
        String phase = "load";
        try (Session session = Onnx.load(c.model(), options)) {
            Graph g = session.model().graph();
            List<String> feeds = new ArrayList<>();
            Map<String, DType> feedTypes = new LinkedHashMap<>();
            for (ValueInfo in : g.inputs()) {
                if (!g.initializers().containsKey(in.name())) {
                    feeds.add(in.name());
                    feedTypes.put(in.name(), in.fact().dtype());
                }
            }
            List<String> outputs = g.outputs().stream().map(ValueInfo::name).toList();
            List<Path> sets = c.dataSets();
            if (sets.isEmpty()) return result(c, Outcome.ERROR, "no test_data_set_N folder", ops, start);
            for (Path set : sets) {
                String where = sets.size() > 1 ? set.getFileName() + ": " : "";
                phase = "read " + set.getFileName();
                List<Path> inFiles = TestCase.numbered(set, "input");
                List<Path> outFiles = TestCase.numbered(set, "output");
                if (inFiles.size() > feeds.size()) {
                    return result(c, Outcome.ERROR, where + inFiles.size() + " input files but the graph has "
                            + feeds.size() + " inputs without initializer " + feeds, ops, start);
                }
                if (outFiles.size() > outputs.size()) {
                    return result(c, Outcome.ERROR, where + outFiles.size() + " output files but the graph has "
                            + outputs.size() + " outputs " + outputs, ops, start);
                }
                Map<String, Tensor> inputs = new LinkedHashMap<>();
                for (int i = 0; i < inFiles.size(); i++) {
                    String name = feeds.get(i);
                    inputs.put(name, bfloat16Quirk(TensorFiles.read(inFiles.get(i)).tensor(), feedTypes.get(name)));
                }
                List<Tensor> expected = new ArrayList<>();
                for (Path f : outFiles) expected.add(TensorFiles.read(f).tensor());
                phase = "run " + set.getFileName();
                Map<String, Tensor> actual = session.run(inputs);
                for (int i = 0; i < expected.size(); i++) {
                    String name = outputs.get(i);
                    Comparator.Result r = Comparator.compare(name, expected.get(i), actual.get(name), tol);
                    if (!r.ok()) return result(c, Outcome.FAIL, where + r.message() + " (" + tol + ")", ops, start);
                }
            }
            return result(c, Outcome.PASS, "", ops, start);
        } catch (UnsupportedModelException e) {
            String at = phase.equals("load") ? "" : "(at " + phase + ") ";
            return result(c, Outcome.UNSUPPORTED, at + e.getMessage(), ops, start);
        } catch (Throwable e) {
            return result(c, Outcome.ERROR, (phase.equals("load") ? "at load: " : "at " + phase + ": ") + describe(e), ops, start);
        }
    }

    /**
     * ONNX 1.12's test data stores bfloat16 tensors in the .pb files as uint16 (data_type 4) holding the bfloat16
     * bits, while the model declares bfloat16 (test_cast_*BFLOAT16*, test_castlike_*BFLOAT16*). When the graph
     * input is bfloat16 and the file holds uint16, reinterpret the bits; anything else is returned unchanged.
     * {@link Comparator#compare} does the same for outputs.
     */
    static Tensor bfloat16Quirk(Tensor t, DType declared) {
        if (declared == DType.BFLOAT16 && t.dtype() == DType.UINT16) return Tensor.wrap(DType.BFLOAT16, t.shape(), t.shorts());
        return t;
    }

    /** The distinct default-domain op types of the model's top-level graph, sorted. */
    public static List<String> opTypes(Path model) throws IOException {
        ModelProto m = ModelProto.parseFrom(Files.readAllBytes(model));
        TreeSet<String> ops = new TreeSet<>();
        for (NodeProto n : m.getGraph().getNodeList()) {
            if (n.getDomain().isEmpty() || n.getDomain().equals("ai.onnx")) ops.add(n.getOpType());
        }
        return List.copyOf(ops);
    }

    private static CaseResult result(TestCase c, Outcome o, String message, List<String> ops, long start) {
        return new CaseResult(c.suite(), c.name(), o, oneLine(message), ops, (System.nanoTime() - start) / 1_000_000);
    }

    /** Exception class and message, plus where it was thrown (helps whoever implements the op). */
    static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(e.getClass().getSimpleName());
        if (e.getMessage() != null) sb.append(": ").append(e.getMessage());
        StackTraceElement[] st = e.getStackTrace();
        if (st.length > 0) sb.append(" [at ").append(st[0].getClassName().replaceFirst("^.*\\.", ""))
                .append('.').append(st[0].getMethodName()).append(':').append(st[0].getLineNumber()).append(']');
        return sb.toString();
    }

    static String oneLine(String s) {
        String t = s.replaceAll("\\s*\\R\\s*", " ").strip();
        return t.length() > 1000 ? t.substring(0, 1000) + "..." : t;
    }
}
