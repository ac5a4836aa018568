package dev.onyx.ops;

import dev.onyx.InvalidModelException;
import dev.onyx.ir.Attributes;
import dev.onyx.ir.Node;

/**
 * What a factory sees of a node: the node, the opset version its domain is imported at, and the
 * constant inputs known when the session is created (initializers), by input index.
 */
public record NodeContext(Node node, int opset, java.util.function.IntFunction<dev.onyx.tensor.Tensor> constants,
                          Subgraph.Factory subgraphs) {
    public NodeContext {
        subgraphs = subgraphs == null ? Subgraph.Factory.NONE : subgraphs;
    }

    public NodeContext(Node node, int opset, java.util.function.IntFunction<dev.onyx.tensor.Tensor> constants) {
        this(node, opset, constants, Subgraph.Factory.NONE);
    }

    public NodeContext(Node node, int opset) { this(node, opset, i -> null); }

    /** Compiles the graph attribute (required); the session compiles it once, with enclosing names visible. */
    public Subgraph subgraph(String attribute) {
        return subgraphs.compile(attrs().requireGraph(attribute), attribute);
    }

    /**
     * The names this node's subgraphs read from enclosing scopes. The session appends their values,
     * in this order, after the node's own inputs (see {@link Subgraph}).
     */
    public java.util.List<String> outerReads() {
        return java.util.List.copyOf(dev.onyx.runtime.SubgraphRefs.outerReads(node));
    }

    public Attributes attrs() { return node.attributes(); }

    public int inputCount() { return node.inputs().size(); }

    public int outputCount() { return node.outputs().size(); }

    public boolean hasInput(int i) { return node.hasInput(i); }

    public boolean hasOutput(int i) { return i < node.outputs().size() && !node.outputs().get(i).isEmpty(); }

    /** The value of input i when it is a constant known at load time, else null. */
    public dev.onyx.tensor.Tensor constantInput(int i) { return hasInput(i) ? constants.apply(i) : null; }

    /** An exception about this node's attributes or wiring; the session adds the node's name. */
    public InvalidModelException invalid(String message) { return new InvalidModelException(message); }

    /** Checks the number of inputs given lies in [min, max]. */
    public void expectInputs(int min, int max) {
        int n = inputCount();
        // trailing empty names are absent optional inputs
        while (n > 0 && node.inputs().get(n - 1).isEmpty()) n--;
        if (n < min || n > max) {
            throw invalid("expected " + (min == max ? Integer.toString(min) : min + " to " + max)
                    + " inputs, got " + n);
        }
        for (int i = 0; i < min; i++) {
            if (!hasInput(i)) throw invalid("required input " + i + " is empty");
        }
    }
}
