package dev.onyx.runtime;

import dev.onyx.InvalidModelException;
import dev.onyx.LimitExceededException;
import dev.onyx.OnyxException;
import dev.onyx.SessionOptions;
import dev.onyx.UnsupportedModelException;
import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.ir.Graph;
import dev.onyx.ir.Node;
import dev.onyx.ir.ValueInfo;
import dev.onyx.ops.Constant;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.ops.OpFactory;
import dev.onyx.ops.OpRegistry;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a graph into a {@link Plan}: sorts and checks the wiring, binds an op to every node
 * (reporting every unsupported op in one error), infers facts node by node, and folds nodes whose
 * inputs are all small constants.
 */
public final class Compiler {
    private final OpRegistry registry;
    private final SessionOptions options;
    private final String source;
    private final Map<String, Integer> opsets;

    public Compiler(OpRegistry registry, SessionOptions options, String source, Map<String, Integer> opsets) {
        this.registry = registry;
        this.options = options;
        this.source = source;
        this.opsets = opsets;
    }

    public Plan compile(Graph graph, Set<String> outerScope) {
        checkOpsets();
        if (graph.nodes().size() > options.maxNodes()) {
            throw new LimitExceededException(source + ": the graph has " + graph.nodes().size()
                    + " nodes, more than the limit of " + options.maxNodes());
        }
        List<Node> order;
        try {
            order = GraphOrder.sort(graph, outerScope);
        } catch (OnyxException e) {
            throw e.withContext(source);
        }
        List<Op> ops = bindOps(order);

        Map<String, Integer> slots = new LinkedHashMap<>();
        List<Fact> facts = new ArrayList<>();
        List<Tensor> constants = new ArrayList<>();
        Map<String, ValueInfo> declaredInputs = new HashMap<>();
        for (ValueInfo in : graph.inputs()) declaredInputs.put(in.name(), in);

        for (ValueInfo in : graph.inputs()) {
            slot(slots, facts, constants, in.name(), in.fact(), graph.initializers().get(in.name()));
        }
        for (Map.Entry<String, Tensor> e : graph.initializers().entrySet()) {
            if (declaredInputs.containsKey(e.getKey())) continue;
            slot(slots, facts, constants, e.getKey(), Fact.constant(e.getValue()), e.getValue());
        }
        for (String outer : outerScope) {
            if (!slots.containsKey(outer)) slot(slots, facts, constants, outer, Fact.UNKNOWN, null);
        }

        List<Step> steps = new ArrayList<>();
        for (int k = 0; k < order.size(); k++) {
            Node node = order.get(k);
            Op op = ops.get(k);
            int opset = opsetOf(node);
            Step proto = new Step(node, opset, op, null, null);
            int[] in = new int[node.inputs().size()];
            List<Fact> inFacts = new ArrayList<>(in.length);
            List<Tensor> inConst = new ArrayList<>(in.length);
            boolean allConst = true;
            long constElems = 0;
            for (int i = 0; i < in.length; i++) {
                String name = node.inputs().get(i);
                if (name.isEmpty()) {
                    in[i] = -1;
                    inFacts.add(null);
                    inConst.add(null);
                    continue;
                }
                in[i] = slots.get(name);
                inFacts.add(facts.get(in[i]));
                Tensor c = constants.get(in[i]);
                // a graph input with a default value can be overridden at run time: not a constant
                if (c == null || declaredInputs.containsKey(name)) allConst = false;
                else constElems += c.size();
                inConst.add(c);
            }
            List<Fact> outFacts = null;
            List<Tensor> folded = null;
            try {
                if (allConst && constElems <= options.foldLimitElements() && !(op instanceof Constant)
                        && Deterministic.is(node)) {
                    checkFoldedSize(op, inFacts);
                    folded = op.run(inConst);
                    outFacts = new ArrayList<>();
                    for (Tensor t : folded) outFacts.add(t == null ? Fact.UNKNOWN : Fact.constant(t));
                } else {
                    outFacts = op.infer(inFacts);
                }
            } catch (OnyxException e) {
                throw e.withContext(source + ": " + proto.describe());
            } catch (RuntimeException e) {
                throw new InvalidModelException(source + ": " + proto.describe() + ": " + message(e), e);
            } catch (OutOfMemoryError e) {
                // one allocation too large for the heap: it failed whole, so the heap is intact
                throw new LimitExceededException(source + ": " + proto.describe()
                        + ": not enough memory to compute its constant result (" + e.getMessage() + ")", e);
            }
            if (outFacts.size() < node.outputs().size()) {
                List<Fact> padded = new ArrayList<>(outFacts);
                while (padded.size() < node.outputs().size()) padded.add(Fact.UNKNOWN);
                outFacts = padded;
            }
            int[] out = new int[node.outputs().size()];
            boolean allFolded = true;
            for (int i = 0; i < out.length; i++) {
                String name = node.outputs().get(i);
                if (name.isEmpty()) {
                    out[i] = -1;
                    continue;
                }
                Fact f = outFacts.get(i);
                Tensor c = f.constant();
                if (c == null) allFolded = false;
                out[i] = slot(slots, facts, constants, name, f, c);
            }
            if (!allFolded || options.optimizationLevel() == SessionOptions.OptimizationLevel.NONE) steps.add(new Step(node, opset, op, in, out));
        }

        List<ValueInfo> inputs = new ArrayList<>();
        for (ValueInfo in : graph.inputs()) inputs.add(new ValueInfo(in.name(), facts.get(slots.get(in.name()))));
        List<ValueInfo> outputs = new ArrayList<>();
        for (ValueInfo out : graph.outputs()) {
            Fact inferred = facts.get(slots.get(out.name()));
            outputs.add(new ValueInfo(out.name(), pick(inferred, out.fact())));
        }
        return new Plan(source, Map.copyOf(slots), constants.toArray(new Tensor[0]), facts.toArray(new Fact[0]),
                List.copyOf(inputs), List.copyOf(outputs), List.copyOf(steps));
    }

    /** What is known of every value of a graph, by name (compiles it without keeping the plan). */
    public Map<String, Fact> factsByName(Graph graph) {
        Plan p = compile(graph, Set.of());
        Map<String, Fact> m = new HashMap<>();
        for (Map.Entry<String, Integer> e : p.slots().entrySet()) m.put(e.getKey(), p.facts()[e.getValue()]);
        return m;
    }

    private static Fact pick(Fact inferred, Fact declared) {
        if (declared == null || declared.dims() == null) {
            return inferred.dtype() == null && declared != null ? declared : new Fact(inferred.dtype(), inferred.dims(), null);
        }
        if (inferred.isStatic() || inferred.dims() != null && declared.dims().size() != inferred.dims().size()) {
            return new Fact(inferred.dtype() != null ? inferred.dtype() : declared.dtype(), inferred.dims(), null);
        }
        return new Fact(inferred.dtype() != null ? inferred.dtype() : declared.dtype(), declared.dims(), null);
    }

    private static String message(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private int slot(Map<String, Integer> slots, List<Fact> facts, List<Tensor> constants, String name, Fact f, Tensor c) {
        Integer existing = slots.get(name);
        if (existing != null) return existing;
        int s = facts.size();
        slots.put(name, s);
        facts.add(f == null ? Fact.UNKNOWN : f);
        constants.add(c);
        if (c != null) checkSize(name, c);
        return s;
    }

    /** Refuses to fold a node whose outputs would be larger than a tensor may be, before computing them. */
    private void checkFoldedSize(Op op, List<Fact> inFacts) {
        List<Fact> out;
        try {
            out = op.infer(inFacts);
        } catch (RuntimeException e) {
            return; // run() reports what is wrong
        }
        for (int i = 0; out != null && i < out.size(); i++) {
            long bytes = MemoryBudget.bytes(out.get(i));
            if (bytes > options.maxTensorBytes()) {
                throw new LimitExceededException("output " + i + " would take " + bytes
                        + " bytes, more than the limit of " + options.maxTensorBytes());
            }
        }
    }

    private void checkSize(String name, Tensor t) {
        long bytes = (long) t.size() * Math.max(1, t.dtype().byteSize());
        if (bytes > options.maxTensorBytes()) {
            throw new LimitExceededException(source + ": tensor '" + name + "' takes " + bytes
                    + " bytes, more than the limit of " + options.maxTensorBytes());
        }
    }

    private void checkOpsets() {
        Integer v = opsets.get("");
        if (v == null) return;
        if (v < OpRegistry.MIN_OPSET || v > OpRegistry.MAX_OPSET) {
            throw new UnsupportedModelException(source + ": the model imports default-domain opset " + v
                    + "; Onyx supports opsets " + OpRegistry.MIN_OPSET + " to " + OpRegistry.MAX_OPSET);
        }
    }

    private int opsetOf(Node node) {
        Integer v = opsets.get(node.domain());
        return v == null ? (node.domain().isEmpty() ? OpRegistry.MAX_OPSET : 1) : v;
    }

    /** Creates all ops; collects every unsupported op type into one error. */
    private List<Op> bindOps(List<Node> order) {
        Map<String, List<String>> unsupported = new LinkedHashMap<>();
        List<Op> ops = new ArrayList<>(order.size());
        for (Node node : order) {
            int opset = opsetOf(node);
            OpFactory f = registry.find(node.domain(), node.opType(), opset);
            if (f == null) {
                String domain = node.domain().isEmpty() ? "ai.onnx" : node.domain();
                String why = registry.knows(node.domain(), node.opType()) ? " (not at this opset)" : "";
                unsupported.computeIfAbsent(node.opType() + " (domain " + domain + ", opset " + opset + ")" + why,
                        k -> new ArrayList<>()).add(node.displayName());
                ops.add(null);
            } else {
                ops.add(null);
            }
        }
        if (!unsupported.isEmpty()) {
            StringBuilder sb = new StringBuilder(source).append(": ").append(unsupported.size())
                    .append(unsupported.size() == 1 ? " unsupported operator:" : " unsupported operators:");
            for (Map.Entry<String, List<String>> e : unsupported.entrySet()) {
                List<String> names = e.getValue();
                sb.append("\n  ").append(e.getKey()).append(" used by ").append(names.size())
                        .append(names.size() == 1 ? " node: " : " nodes: ")
                        .append(String.join(", ", names.subList(0, Math.min(names.size(), 10))))
                        .append(names.size() > 10 ? ", ..." : "");
            }
            throw new UnsupportedModelException(sb.toString());
        }
        for (int k = 0; k < order.size(); k++) {
            Node node = order.get(k);
            int opset = opsetOf(node);
            Step proto = new Step(node, opset, null, null, null);
            try {
                ops.set(k, registry.find(node.domain(), node.opType(), opset).create(new NodeContext(node, opset)));
            } catch (OnyxException e) {
                throw e.withContext(source + ": " + proto.describe());
            } catch (RuntimeException e) {
                throw new InvalidModelException(source + ": " + proto.describe() + ": " + message(e), e);
            }
        }
        return ops;
    }

    static String dims(List<Dim> d) { return d == null ? "[?]" : Arrays.toString(d.toArray()); }
}
