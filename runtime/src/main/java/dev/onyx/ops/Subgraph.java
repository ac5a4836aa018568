package dev.onyx.ops;

import dev.onyx.UnsupportedModelException;
import dev.onyx.ir.Graph;
import dev.onyx.ir.ValueInfo;
import dev.onyx.tensor.Tensor;

import java.util.List;

/**
 * A graph attribute (If branch, Loop or Scan body) compiled once, when the session is created, with
 * the names of its enclosing scopes visible. Immutable and safe to run from many threads at once.
 *
 * <p>How outer values reach it: the session appends the values of
 * {@link NodeContext#outerReads()} (every name the node's subgraphs read from enclosing scopes)
 * after the node's own inputs, so an op receives them in {@link Op#run} like ordinary inputs;
 * the op hands each subgraph the ones named by {@link #outerNames()}.
 */
public interface Subgraph {
    /** The formal inputs, in order, with their declared facts. */
    List<ValueInfo> inputs();

    /** The outputs, in order, with what is known of them before running. */
    List<ValueInfo> outputs();

    /** The names this graph reads from enclosing scopes, in the order {@link #run} takes their values. */
    List<String> outerNames();

    /** Runs the graph on values for its formal inputs and for {@link #outerNames()}; returns its outputs. */
    List<Tensor> run(List<Tensor> inputs, List<Tensor> outer);

    /** Compiles the graph held by a node's attribute (given by the session to op factories). */
    @FunctionalInterface
    interface Factory {
        Subgraph compile(Graph graph, String attribute);

        /** For ops created outside a session: subgraphs cannot be compiled. */
        Factory NONE = (g, a) -> {
            throw new UnsupportedModelException("attribute '" + a + "': subgraphs can only be compiled by a session");
        };
    }
}
