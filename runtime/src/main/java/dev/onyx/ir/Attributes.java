package dev.onyx.ir;

import dev.onyx.InvalidModelException;
import dev.onyx.tensor.Tensor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The attributes of one node, with typed getters. A getter with a default returns it when the
 * attribute is absent; a {@code require*} getter throws when it is absent; both throw an
 * {@link InvalidModelException} naming the attribute when it has another kind.
 */
public final class Attributes {
    public static final Attributes EMPTY = new Attributes(Map.of());

    private final Map<String, Attribute> map;

    public Attributes(Map<String, Attribute> map) {
        this.map = Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    public static Attributes of(Attribute... attrs) {
        Map<String, Attribute> m = new LinkedHashMap<>();
        for (Attribute a : attrs) m.put(a.name(), a);
        return new Attributes(m);
    }

    public Map<String, Attribute> asMap() { return map; }

    public boolean has(String name) { return map.containsKey(name); }

    public Attribute get(String name) { return map.get(name); }

    private Object value(String name, Attribute.Kind kind) {
        Attribute a = map.get(name);
        if (a == null) return null;
        if (a.kind() != kind) {
            // ONNX writers sometimes store an int where a float is expected and vice versa
            if (kind == Attribute.Kind.FLOAT && a.kind() == Attribute.Kind.INT) return ((Long) a.value()).floatValue();
            if (kind == Attribute.Kind.FLOATS && a.kind() == Attribute.Kind.INTS) {
                return ((List<?>) a.value()).stream().map(v -> ((Long) v).floatValue()).toList();
            }
            throw new InvalidModelException("attribute '" + name + "': expected " + kind.name().toLowerCase()
                    + ", got " + a.kind().name().toLowerCase());
        }
        return a.value();
    }

    private static InvalidModelException missing(String name) {
        return new InvalidModelException("missing required attribute '" + name + "'");
    }

    public long getInt(String name, long dflt) {
        Object v = value(name, Attribute.Kind.INT);
        return v == null ? dflt : (Long) v;
    }

    public long requireInt(String name) {
        Object v = value(name, Attribute.Kind.INT);
        if (v == null) throw missing(name);
        return (Long) v;
    }

    public float getFloat(String name, float dflt) {
        Object v = value(name, Attribute.Kind.FLOAT);
        return v == null ? dflt : (Float) v;
    }

    public float requireFloat(String name) {
        Object v = value(name, Attribute.Kind.FLOAT);
        if (v == null) throw missing(name);
        return (Float) v;
    }

    public String getString(String name, String dflt) {
        Object v = value(name, Attribute.Kind.STRING);
        return v == null ? dflt : (String) v;
    }

    public String requireString(String name) {
        Object v = value(name, Attribute.Kind.STRING);
        if (v == null) throw missing(name);
        return (String) v;
    }

    /** An int list as long[], or null when absent. */
    @SuppressWarnings("unchecked")
    public long[] getInts(String name) {
        Object v = value(name, Attribute.Kind.INTS);
        if (v == null) return null;
        List<Long> l = (List<Long>) v;
        long[] r = new long[l.size()];
        for (int i = 0; i < r.length; i++) r[i] = l.get(i);
        return r;
    }

    public long[] requireInts(String name) {
        long[] v = getInts(name);
        if (v == null) throw missing(name);
        return v;
    }

    /** An int list narrowed to int[], or null when absent; throws when a value does not fit an int. */
    public int[] getIntArray(String name) {
        long[] v = getInts(name);
        if (v == null) return null;
        int[] r = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] != (int) v[i]) {
                throw new InvalidModelException("attribute '" + name + "': value " + v[i] + " is out of range");
            }
            r[i] = (int) v[i];
        }
        return r;
    }

    /** A float list as float[], or null when absent. */
    @SuppressWarnings("unchecked")
    public float[] getFloats(String name) {
        Object v = value(name, Attribute.Kind.FLOATS);
        if (v == null) return null;
        List<Float> l = (List<Float>) v;
        float[] r = new float[l.size()];
        for (int i = 0; i < r.length; i++) r[i] = l.get(i);
        return r;
    }

    @SuppressWarnings("unchecked")
    public List<String> getStrings(String name) {
        return (List<String>) value(name, Attribute.Kind.STRINGS);
    }

    public Tensor getTensor(String name) {
        return (Tensor) value(name, Attribute.Kind.TENSOR);
    }

    public Graph getGraph(String name) {
        return (Graph) value(name, Attribute.Kind.GRAPH);
    }

    public Graph requireGraph(String name) {
        Graph g = getGraph(name);
        if (g == null) throw missing(name);
        return g;
    }

    @Override
    public String toString() { return map.values().toString(); }
}
