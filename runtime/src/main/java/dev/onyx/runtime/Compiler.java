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
import dev.onyx.ops.Subgraph;
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
 *
 * <p>Subgraphs (graph attributes of If, Loop, Scan...) are compiled once, here, when the op's
 * factory asks for them ({@link dev.onyx.ops.NodeContext#subgraph}), by a nested compiler that sees
 * every name of the enclosing scopes, up to {@link SessionOptions#maxNestingDepth()} levels deep.
 * Unsupported ops inside subgraphs are reported with the main graph's. Values a node's subgraphs
 * read from enclosing scopes ({@link SubgraphRefs#outerReads}) are wired as hidden extra inputs of
 * the node's step, after its own inputs: the executor then hands them to the op like any input and
 * keeps them alive until the node has run, with no special case. Such nodes are never folded.
 */
public final class Compiler {
    private final OpRegistry registry;
    private final SessionOptions options;
    private final String source;
    private final Map<String, Integer> opsets;
    /** 0 for the main graph, n for a subgraph nested n levels deep. */
    private final int depth;

    public Compiler(OpRegistry registry, SessionOptions options, String source, Map<String, Integer> opsets) {
        this(registry, options, source, opsets, 0);
    }

    private Compiler(OpRegistry registry, SessionOptions options, String source, Map<String, Integer> opsets, int depth) {
        this.registry = registry;
        this.options = options;
        this.source = source;
        this.opsets = opsets;
        this.depth = depth;
    }

    public Plan compile(Graph graph, Set<String> outerScope) {
        if (depth == 0) {
            checkOpsets();
            long total = countNodes(graph, 0);
            if (total > options.maxNodes()) {
                throw new LimitExceededException(source + ": the graph has " + total
                        + " nodes (subgraphs included), more than the limit of " + options.maxNodes());
            }
        } else if (depth > options.maxNestingDepth()) {
            throw new LimitExceededException(source + ": subgraphs are nested deeper than the limit of "
                    + options.maxNestingDepth());
        }
        List<Node> order;
        try {
            order = GraphOrder.sort(graph, outerScope);
        } catch (OnyxException e) {
            throw e.withContext(source);
        }
        // names a subgraph of this graph may read: the enclosing scopes' and every name defined here
        Set<String> scope = new java.util.HashSet<>(outerScope);
        for (ValueInfo in : graph.inputs()) scope.add(in.name());
        scope.addAll(graph.initializers().keySet());
        for (Node n : graph.nodes()) for (String o : n.outputs()) if (!o.isEmpty()) scope.add(o);
        List<Op> ops = bindOps(graph, order, scope);

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
        for (String outer : SubgraphRefs.reads(graph)) {
            if (outerScope.contains(outer) && !slots.containsKey(outer)) slot(slots, facts, constants, outer, Fact.UNKNOWN, null);
        }

        List<Step> steps = new ArrayList<>();
        for (int k = 0; k < order.size(); k++) {
            Node node = order.get(k);
            Op op = ops.get(k);
            int opset = opsetOf(node);
            Step proto = new Step(node, opset, op, null, null);
            List<String> hidden = List.copyOf(SubgraphRefs.outerReads(node));
            boolean control = !hidden.isEmpty() || SubgraphRefs.hasSubgraphs(node);
            for (String h : hidden) {
                if (!slots.containsKey(h) || node.outputs().contains(h)) {
                    throw new InvalidModelException(source + ": " + proto.describe() + ": a subgraph reads '" + h
                            + "', which is " + (slots.containsKey(h) ? "an output of the node itself" : "not defined before the node"));
                }
            }
            int[] in = new int[node.inputs().size() + hidden.size()];
            List<Fact> inFacts = new ArrayList<>(in.length);
            List<Tensor> inConst = new ArrayList<>(in.length);
            boolean allConst = true;
            long constElems = 0;
            for (int i = 0; i < in.length; i++) {
                String name = i < node.inputs().size() ? node.inputs().get(i) : hidden.get(i - node.inputs().size());
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
                outFacts = op.infer(inFacts);
                // fold only when the outputs are known to be small too (ConstantOfShape can make a huge tensor)
                boolean foldable = allConst && !control && constElems <= options.foldLimitElements()
                        && !(op instanceof Constant) && Deterministic.is(node);
                if (foldable) checkFoldedSize(op, inFacts);
                if (foldable && smallOutputs(outFacts, node.outputs().size())) {
                    folded = op.run(inConst);
                    outFacts = new ArrayList<>();
                    for (Tensor t : folded) outFacts.add(t == null ? Fact.UNKNOWN : Fact.constant(t));
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

    /** True when every output's shape is static and, all together, within the folding limit. */
    private boolean smallOutputs(List<Fact> facts, int outputs) {
        long total = 0;
        for (int i = 0; i < Math.min(outputs, facts.size()); i++) {
            Fact f = facts.get(i);
            if (f == null || !f.isStatic()) return false;
            long n = 1;
            for (int d : f.staticShape()) n *= d;
            total += n;
        }
        return facts.size() >= outputs && total <= 16L * options.foldLimitElements();
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

    /** Counts the nodes of a graph and of all its subgraphs. */
    private static long countNodes(Graph g, int level) {
        long n = g.nodes().size();
        if (level > 64) return n; // deeper nesting is refused elsewhere
        for (Node node : g.nodes()) for (Graph sub : subgraphs(node)) n += countNodes(sub, level + 1);
        return n;
    }

    private static List<Graph> subgraphs(Node node) {
        List<Graph> result = new ArrayList<>();
        for (dev.onyx.ir.Attribute a : node.attributes().asMap().values()) {
            if (a.value() instanceof Graph g) result.add(g);
            else if (a.value() instanceof List<?> l) for (Object o : l) if (o instanceof Graph g) result.add(g);
        }
        return result;
    }

    /** Records the unsupported ops of these nodes and (on the main graph) of their subgraphs. */
    private void findUnsupported(List<Node> nodes, String where, int level, Map<String, List<String>> unsupported) {
        for (Node node : nodes) {
            int opset = opsetOf(node);
            OpFactory f = registry.find(node.domain(), node.opType(), opset);
            if (f == null) {
                String domain = node.domain().isEmpty() ? "ai.onnx" : node.domain();
                String why = registry.knows(node.domain(), node.opType()) ? " (not at this opset)" : "";
                unsupported.computeIfAbsent(node.opType() + " (domain " + domain + ", opset " + opset + ")" + why,
                        k -> new ArrayList<>()).add(where + node.displayName());
            }
            if (depth == 0 && level < options.maxNestingDepth()) {
                for (Map.Entry<String, dev.onyx.ir.Attribute> a : node.attributes().asMap().entrySet()) {
                    Object v = a.getValue().value();
                    List<Graph> gs = v instanceof Graph g ? List.of(g) : v instanceof List<?> l
                            ? l.stream().filter(Graph.class::isInstance).map(Graph.class::cast).toList() : List.of();
                    for (Graph g : gs) {
                        findUnsupported(g.nodes(), where + node.displayName() + "." + a.getKey() + "/", level + 1, unsupported);
                    }
                }
            }
        }
    }

    /** Creates all ops; collects every unsupported op type into one error. */
    /** An initializer that no graph input can override, else null (what factories may pre-pack). */
    private static Tensor constantOf(Graph graph, String name) {
        if (name.isEmpty()) return null;
        for (ValueInfo in : graph.inputs()) if (in.name().equals(name)) return null;
        return graph.initializers().get(name);
    }

    private List<Op> bindOps(Graph graph, List<Node> order, Set<String> scope) {
        Map<String, List<String>> unsupported = new LinkedHashMap<>();
        List<Op> ops = new ArrayList<>(order.size());
        for (int k = 0; k < order.size(); k++) ops.add(null);
        findUnsupported(order, "", 0, unsupported);
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
                Subgraph.Factory subgraphs = (g, attribute) -> compileSubgraph(g, attribute, scope);
                ops.set(k, registry.find(node.domain(), node.opType(), opset)
                        .create(new NodeContext(node, opset, i -> constantOf(graph, node.input(i)), subgraphs)));
            } catch (OnyxException e) {
                throw e.withContext(source + ": " + proto.describe());
            } catch (RuntimeException e) {
                throw new InvalidModelException(source + ": " + proto.describe() + ": " + message(e), e);
            }
        }
        return ops;
    }

    /** Compiles a graph attribute with the enclosing scope's names visible. */
    private Subgraph compileSubgraph(Graph g, String attribute, Set<String> scope) {
        String where = "attribute '" + attribute + "'" + (g.name().isEmpty() ? "" : " (graph '" + g.name() + "')");
        Compiler nested = new Compiler(registry, options, where, opsets, depth + 1);
        Plan plan = nested.compile(g, scope);
        List<String> outer = new ArrayList<>();
        for (String name : SubgraphRefs.reads(g)) if (plan.slot(name) >= 0) outer.add(name);
        return new CompiledSubgraph(plan, outer);
    }

    static String dims(List<Dim> d) { return d == null ? "[?]" : Arrays.toString(d.toArray()); }
}
