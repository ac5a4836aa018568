package dev.onyx.importer.fuzz;

import dev.onyx.Onnx;
import dev.onyx.OnyxException;
import dev.onyx.Session;
import dev.onyx.SessionOptions;
import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.ir.ValueInfo;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;

import java.util.HashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.Map;

/**
 * The contract every model file must keep: it loads (and then runs on small inputs or fails), or it
 * fails with an {@link OnyxException} whose message names the source and says what is wrong. Any other
 * throwable (including OutOfMemoryError and StackOverflowError) escapes to the caller as a finding.
 */
public final class LoadContract {
    /** Small enough that a fuzzing JVM never runs out of heap while honouring the limits. */
    public static final SessionOptions OPTIONS = SessionOptions.defaults()
            .withThreads(1)
            .withMaxTensorBytes(16L << 20)
            .withMaxIntermediateBytes(64L << 20);

    private static final int MAX_INPUT_ELEMENTS = 1 << 12;

    private LoadContract() {}

    /** An input taking longer than this to load and run counts as a hang. */
    static final long HANG_SECONDS = Long.getLong("onyx.fuzz.hangSeconds", 30);

    private static final ExecutorService WORKER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "onyx-fuzz-worker");
        t.setDaemon(true);
        return t;
    });

    /** Checks the contract on one input, in a worker thread so that a hang is reported rather than waited for. */
    public static void check(byte[] data) {
        Future<?> f = WORKER.submit(() -> checkNow(data));
        try {
            f.get(HANG_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new AssertionError("loading and running the input took more than " + HANG_SECONDS + " s (a hang)");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof Error err) throw err;
            if (c instanceof RuntimeException re) throw re;
            throw new AssertionError(c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

    static void checkNow(byte[] data) {
        Session session;
        try {
            session = Onnx.load(data, OPTIONS);
        } catch (OnyxException e) {
            checkMessage(e);
            return;
        }
        try (session) {
            Map<String, Tensor> inputs = inputsFor(session);
            if (inputs == null) return;
            try {
                session.run(inputs);
            } catch (OnyxException e) {
                checkMessage(e);
            }
        }
    }

    /**
     * With -Donyx.fuzz.strict=true, an OnyxException wrapping a JVM error (null pointer, index out of
     * bounds, bad cast...) also counts as a finding: its message is the JVM's, not a specific one.
     */
    static final boolean STRICT = Boolean.getBoolean("onyx.fuzz.strict");

    private static void checkMessage(OnyxException e) {
        String m = e.getMessage();
        if (m == null || !m.startsWith("<bytes>: ") || m.length() <= "<bytes>: ".length() + 3) {
            throw new AssertionError("an OnyxException without a specific message: " + m, e);
        }
        if (!STRICT) return;
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof NullPointerException || c instanceof IndexOutOfBoundsException
                    || c instanceof ClassCastException || c instanceof NegativeArraySizeException
                    || c instanceof ArithmeticException || c instanceof ArrayStoreException) {
                throw new AssertionError("an internal error surfaced as: " + m, c);
            }
        }
    }

    /** Zero-filled inputs for every declared input, or null when some cannot be made small. */
    private static Map<String, Tensor> inputsFor(Session s) {
        Map<String, Tensor> inputs = new HashMap<>();
        for (ValueInfo in : s.inputs()) {
            Fact f = in.fact();
            if (f.constant() != null) continue;
            if (f.dtype() == null || f.dims() == null) return null;
            int[] shape = new int[f.dims().size()];
            long n = 1;
            for (int i = 0; i < shape.length; i++) {
                Dim d = f.dims().get(i);
                shape[i] = d.isKnown() ? (int) Math.min(d.value(), Integer.MAX_VALUE) : 1;
                n *= Math.max(shape[i], 1);
                if (n > MAX_INPUT_ELEMENTS) return null;
            }
            inputs.put(in.name(), Tensor.zeros(f.dtype(), shape));
        }
        return inputs;
    }
}
