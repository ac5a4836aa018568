package dev.onyx.ops.nn;

import dev.onyx.ir.Attribute;
import dev.onyx.ir.Attributes;
import dev.onyx.ir.Node;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.ops.OpRegistry;

import java.util.Arrays;
import java.util.List;

/** Builds nn ops from hand-written nodes for tests. */
final class Nodes {
    private static final OpRegistry REGISTRY = new OpRegistry();

    static {
        NnOps.register(REGISTRY);
    }

    private Nodes() {}

    static Attribute ints(String name, long... v) {
        return Attribute.ofInts(name, Arrays.stream(v).boxed().toList());
    }

    static Attribute i(String name, long v) { return Attribute.ofInt(name, v); }

    static Attribute s(String name, String v) { return Attribute.ofString(name, v); }

    static Attribute f(String name, float v) { return Attribute.ofFloat(name, v); }

    /** The op for a node with the given inputs/outputs (empty names for absent ones) at an opset. */
    static Op op(String type, int opset, List<String> inputs, List<String> outputs, Attribute... attrs) {
        Node node = new Node("n", type, "", inputs, outputs, Attributes.of(attrs));
        return REGISTRY.find("", type, opset).create(new NodeContext(node, opset));
    }

    /** A one-output op with inputs named x, w, b... as many as given. */
    static Op op(String type, int opset, int inputCount, Attribute... attrs) {
        List<String> names = List.of("x", "w", "b").subList(0, inputCount);
        return op(type, opset, names, List.of("y"), attrs);
    }
}
