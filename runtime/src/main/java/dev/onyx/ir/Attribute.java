package dev.onyx.ir;

import dev.onyx.tensor.Tensor;

import java.util.List;

/**
 * A node attribute: a kind and a value. Values are immutable: Float, Long, String (decoded UTF-8),
 * Tensor, Graph, or an unmodifiable List of those for the list kinds; float lists are List&lt;Float&gt;,
 * int lists List&lt;Long&gt;.
 */
public record Attribute(String name, Kind kind, Object value) {
    public enum Kind { FLOAT, INT, STRING, TENSOR, GRAPH, SPARSE_TENSOR, TYPE_PROTO,
        FLOATS, INTS, STRINGS, TENSORS, GRAPHS, SPARSE_TENSORS, TYPE_PROTOS }

    public Attribute {
        if (value instanceof List<?> l) value = List.copyOf(l);
    }

    public static Attribute ofFloat(String name, float v) { return new Attribute(name, Kind.FLOAT, v); }
    public static Attribute ofInt(String name, long v) { return new Attribute(name, Kind.INT, v); }
    public static Attribute ofString(String name, String v) { return new Attribute(name, Kind.STRING, v); }
    public static Attribute ofTensor(String name, Tensor v) { return new Attribute(name, Kind.TENSOR, v); }
    public static Attribute ofGraph(String name, Graph v) { return new Attribute(name, Kind.GRAPH, v); }
    public static Attribute ofFloats(String name, List<Float> v) { return new Attribute(name, Kind.FLOATS, v); }
    public static Attribute ofInts(String name, List<Long> v) { return new Attribute(name, Kind.INTS, v); }
    public static Attribute ofStrings(String name, List<String> v) { return new Attribute(name, Kind.STRINGS, v); }
    public static Attribute ofTensors(String name, List<Tensor> v) { return new Attribute(name, Kind.TENSORS, v); }
    public static Attribute ofGraphs(String name, List<Graph> v) { return new Attribute(name, Kind.GRAPHS, v); }

    @Override
    public String toString() { return name + "=" + value; }
}
