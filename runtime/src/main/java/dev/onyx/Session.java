package dev.onyx;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.ir.Graph;
import dev.onyx.pass.Optimizer;
import dev.onyx.pass.Rewrite;
import dev.onyx.ir.Model;
import dev.onyx.ir.ValueInfo;
import dev.onyx.ops.OpRegistry;
import dev.onyx.runtime.Compiler;
import dev.onyx.runtime.Executor;
import dev.onyx.runtime.MemoryBudget;
import dev.onyx.runtime.Plan;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A loaded, checked and compiled model, ready to run. Safe to use from many threads at once: each
 * {@link #run} works on its own values. Closing drops the model and its weights (runs in flight keep
 * what they use until they end, then fail with a clear error) and makes later runs fail likewise.
 */
public final class Session implements AutoCloseable {
    /** What a session holds until it is closed; dropped by {@link #close} so that the weights can be collected. */
    private record State(Model model, Executor executor, Optimizer.Outcome optimized) {}

    private final String source;
    private final SessionOptions options;
    private final dev.onyx.kernel.Parallel parallel;
    private final Map<String, ValueInfo> inputsByName = new LinkedHashMap<>();
    private final List<String> outputNames = new ArrayList<>();
    private final List<ValueInfo> outputs;
    private volatile State state;

    private Session(Model model, SessionOptions options, Plan plan, Optimizer.Outcome optimized) {
        this.source = model.source();
        this.options = options;
        this.parallel = dev.onyx.kernel.Parallel.create(options.threads());
        this.state = new State(model, new Executor(plan, parallel, options.maxIntermediateBytes(),
                options.profiling(), options.bufferPoolBytes()), optimized);
        for (ValueInfo in : plan.inputs()) inputsByName.put(in.name(), in);
        for (ValueInfo out : plan.outputs()) outputNames.add(out.name());
        this.outputs = plan.outputs();
    }

    private State state() {
        State s = state;
        if (s == null) throw new IllegalStateException(source + ": the session is closed");
        return s;
    }

    /** Checks and compiles a model; throws an {@link OnyxException} naming what is wrong. */
    public static Session create(Model model, SessionOptions options) {
        Compiler compiler = new Compiler(OpRegistry.standard(), options, model.source(), model.opsets());
        // the model as written is checked first, so that rewrites never hide an error in it
        Plan plan = compiler.compile(model.graph(), Set.of());
        Optimizer.Outcome optimized;
        try {
            optimized = Optimizer.forLevel(options.optimizationLevel(), model.defaultOpset(),
                    compiler::factsByName).optimize(model.graph());
        } catch (OnyxException e) {
            throw e;
        } catch (RuntimeException e) {
            // the model passed every check, so this is Onyx's fault: say so, and how to get around it
            throw new OnyxException(model.source() + ": the graph optimizer failed on this model ("
                    + (e.getMessage() == null ? e.toString() : e.getMessage())
                    + "); OptimizationLevel.NONE loads it without rewrites", e);
        }
        if (optimized.graph() != model.graph()) plan = compiler.compile(optimized.graph(), Set.of());
        MemoryBudget.check(plan, options.maxIntermediateBytes());
        return new Session(model, options, plan, optimized);
    }

    public static Session create(Model model) { return create(model, SessionOptions.defaults()); }

    /** The model as loaded; the session must be open. */
    public Model model() { return state().model(); }

    public SessionOptions options() { return options; }

    /** The graph as optimized for this session's optimization level. */
    public Graph optimizedGraph() { return state().optimized().graph(); }

    /** The rewrites the optimizer made, in order. */
    public List<Rewrite> rewrites() { return state().optimized().rewrites(); }

    /** The inputs a caller may feed, with dtype and (possibly symbolic) shape. Inputs with an initializer are optional. */
    public List<ValueInfo> inputs() { return List.copyOf(inputsByName.values()); }

    /** The graph outputs, with what is known of their dtype and shape. */
    public List<ValueInfo> outputs() { return outputs; }

    /**
     * Time spent in each node (of the optimized graph) over the runs so far, in plan order; empty unless
     * the session was created with {@link SessionOptions#withProfiling profiling}.
     */
    public List<dev.onyx.runtime.StepProfile.Entry> profile() {
        dev.onyx.runtime.StepProfile p = state().executor().profile();
        return p == null ? List.of() : p.entries();
    }

    /** Forgets the times measured so far (for example after warm-up runs); does nothing without profiling. */
    public void resetProfile() {
        dev.onyx.runtime.StepProfile p = state().executor().profile();
        if (p != null) p.reset();
    }

    /** Runs the model and returns every graph output, by name, in graph order. */
    public Map<String, Tensor> run(Map<String, Tensor> inputs) {
        return run(inputs, outputNames);
    }

    /** Runs only what the named outputs need. */
    public Map<String, Tensor> run(Map<String, Tensor> inputs, Collection<String> outputs) {
        if (inputs == null) throw new IllegalArgumentException("inputs is null; pass Map.of() for a model without inputs");
        if (outputs == null) throw new IllegalArgumentException("outputs is null");
        State st = state();
        Executor executor = st.executor();
        List<String> wanted = List.copyOf(outputs);
        for (String o : wanted) {
            if (!outputNames.contains(o)) {
                throw new IllegalArgumentException("unknown output '" + o + "', expected one of " + outputNames);
            }
        }
        Plan plan = executor.plan();
        Tensor[] bySlot = new Tensor[plan.constants().length];
        Map<String, Long> symbols = new HashMap<>();
        for (String name : inputs.keySet()) {
            if (!inputsByName.containsKey(name)) {
                throw new IllegalArgumentException("unknown input '" + name + "', expected one of " + inputsByName.keySet());
            }
        }
        // checked in the graph's input order, so that a symbol is bound by the first input declaring it
        for (ValueInfo info : inputsByName.values()) {
            if (!inputs.containsKey(info.name())) continue;
            Tensor t = inputs.get(info.name());
            if (t == null) throw new IllegalArgumentException("input '" + info.name() + "' is null");
            check(info, t, symbols);
            bySlot[plan.slot(info.name())] = t;
        }
        for (ValueInfo in : inputsByName.values()) {
            if (!inputs.containsKey(in.name()) && plan.constants()[plan.slot(in.name())] == null) {
                throw new IllegalArgumentException("missing input '" + in.name() + "' (" + in.fact().describe()
                        + "); given " + inputs.keySet());
            }
        }
        Map<String, Tensor> result = executor.run(bySlot, wanted);
        if (state == null) throw new IllegalStateException(source + ": the session was closed during the run");
        return result;
    }

    private static void check(ValueInfo info, Tensor t, Map<String, Long> symbols) {
        Fact f = info.fact();
        String expected = f.describe();
        String actual = t.dtype() + " " + Shapes.toString(t.shape()).replace(" ", "");
        if (f.dtype() != null && f.dtype() != t.dtype()) {
            throw new IllegalArgumentException("input '" + info.name() + "': expected " + expected + ", got " + actual
                    + " (wrong dtype)");
        }
        if (f.dims() == null) return;
        if (f.dims().size() != t.rank()) {
            throw new IllegalArgumentException("input '" + info.name() + "': expected " + expected + ", got " + actual
                    + " (wrong rank)");
        }
        for (int i = 0; i < t.rank(); i++) {
            Dim d = f.dims().get(i);
            long actualDim = t.shape()[i];
            if (d.isKnown() && d.value() != actualDim) {
                throw new IllegalArgumentException("input '" + info.name() + "': expected " + expected + ", got " + actual
                        + " (dimension " + i + ")");
            }
            if (d.isSymbolic()) {
                Long bound = symbols.putIfAbsent(d.symbol(), actualDim);
                if (bound != null && bound != actualDim) {
                    throw new IllegalArgumentException("input '" + info.name() + "': dimension " + i + " ('" + d.symbol()
                            + "') is " + actualDim + " but another input binds '" + d.symbol() + "' to " + bound);
                }
            }
        }
    }

    @Override
    public void close() {
        state = null;
        parallel.close();
    }
}
