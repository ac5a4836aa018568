package dev.onyx.ops.misc;

import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ONNX-ML LabelEncoder: maps each element through a key -> value table, else to a default. Version 1
 * maps strings to their index in classes_strings and back; version 2 has keys_* / values_* lists of
 * strings, int64s or floats; version 4 adds keys_tensor / values_tensor / default_tensor (also int32,
 * int16 and double). Float keys match by value, NaN matching NaN.
 */
public final class LabelEncoder implements Op {
    private final DType keyType;
    private final DType valueType;
    private final Map<Object, Object> table;
    private final Object dflt;

    private LabelEncoder(DType keyType, DType valueType, Map<Object, Object> table, Object dflt) {
        this.keyType = keyType;
        this.valueType = valueType;
        this.table = table;
        this.dflt = dflt;
    }

    /** A lookup key: strings as they are, integers as Long, floats as Double (0 and -0 alike). */
    private static Object key(DType t, Object v) {
        if (t == DType.STRING) return v;
        if (t.isFloatingPoint()) {
            double d = ((Number) v).doubleValue();
            return d == 0 ? 0.0 : d;
        }
        return ((Number) v).longValue();
    }

    private static List<Object> values(Tensor t) {
        List<Object> l = new ArrayList<>(t.size());
        for (int i = 0; i < t.size(); i++) {
            if (t.dtype() == DType.STRING) l.add(((String[]) t.storage())[i]);
            else if (t.dtype().isFloatingPoint()) l.add(t.getDouble(i));
            else l.add(t.getLong(i));
        }
        return l;
    }

    private static List<Object> fromAttr(NodeContext ctx, String name) {
        var a = ctx.attrs();
        if (!a.has(name)) return null;
        List<Object> l = new ArrayList<>();
        if (name.endsWith("strings")) l.addAll(a.getStrings(name));
        else if (name.endsWith("int64s")) for (long v : a.getInts(name)) l.add(v);
        else for (float v : a.getFloats(name)) l.add((double) v);
        return l;
    }

    static Op create(NodeContext ctx) {
        ctx.expectInputs(1, 1);
        var a = ctx.attrs();
        if (ctx.opset() < 2) {
            List<String> classes = a.getStrings("classes_strings");
            if (classes == null) classes = List.of();
            long dInt = a.getInt("default_int64", -1);
            String dStr = a.getString("default_string", "_Unused");
            // both directions are possible; the input type picks one at run time
            Map<Object, Object> t = new HashMap<>();
            for (int i = 0; i < classes.size(); i++) {
                t.putIfAbsent(classes.get(i), (long) i);
                t.putIfAbsent((long) i, classes.get(i));
            }
            return new V1(t, dInt, dStr);
        }
        DType kt = null, vt = null;
        List<Object> keys = null, vals = null;
        for (String[] kv : new String[][] {{"keys_strings", "string"}, {"keys_int64s", "int64"}, {"keys_floats", "float"}}) {
            List<Object> l = fromAttr(ctx, kv[0]);
            if (l != null) {
                if (keys != null) throw ctx.invalid("only one of the keys_* attributes may be given");
                keys = l;
                kt = kv[1].equals("string") ? DType.STRING : kv[1].equals("int64") ? DType.INT64 : DType.FLOAT;
            }
        }
        for (String[] kv : new String[][] {{"values_strings", "string"}, {"values_int64s", "int64"}, {"values_floats", "float"}}) {
            List<Object> l = fromAttr(ctx, kv[0]);
            if (l != null) {
                if (vals != null) throw ctx.invalid("only one of the values_* attributes may be given");
                vals = l;
                vt = kv[1].equals("string") ? DType.STRING : kv[1].equals("int64") ? DType.INT64 : DType.FLOAT;
            }
        }
        Object dflt = null;
        if (ctx.opset() >= 4) {
            Tensor kT = a.has("keys_tensor") ? a.getTensor("keys_tensor") : null;
            Tensor vT = a.has("values_tensor") ? a.getTensor("values_tensor") : null;
            if (kT != null) {
                if (keys != null) throw ctx.invalid("only one of the keys_* attributes may be given");
                keys = values(kT);
                kt = kT.dtype();
            }
            if (vT != null) {
                if (vals != null) throw ctx.invalid("only one of the values_* attributes may be given");
                vals = values(vT);
                vt = vT.dtype();
            }
            Tensor dT = a.has("default_tensor") ? a.getTensor("default_tensor") : null;
            if (dT != null) {
                if (dT.size() != 1) throw ctx.invalid("attribute 'default_tensor': expected one element, got " + dT.size());
                if (vt != null && (dT.dtype() == DType.STRING) != (vt == DType.STRING)) {
                    throw ctx.invalid("attribute 'default_tensor': type " + dT.dtype() + " does not match the values' " + vt);
                }
                dflt = values(dT).get(0);
            }
        } else if (a.has("keys_tensor") || a.has("values_tensor") || a.has("default_tensor")) {
            throw ctx.invalid("keys_tensor, values_tensor and default_tensor need ai.onnx.ml opset 4");
        }
        if (keys == null) throw ctx.invalid("missing keys: one of keys_strings, keys_int64s, keys_floats" + (ctx.opset() >= 4 ? ", keys_tensor" : ""));
        if (vals == null) throw ctx.invalid("missing values: one of values_strings, values_int64s, values_floats" + (ctx.opset() >= 4 ? ", values_tensor" : ""));
        if (keys.size() != vals.size()) throw ctx.invalid(keys.size() + " keys but " + vals.size() + " values");
        allowed(ctx, kt, "keys");
        allowed(ctx, vt, "values");
        if (dflt == null) {
            if (vt == DType.STRING) dflt = a.getString("default_string", "_Unused");
            else if (vt.isFloatingPoint()) dflt = (double) a.getFloat("default_float", -0.0f);
            else dflt = a.getInt("default_int64", -1);
        }
        Map<Object, Object> t = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) t.putIfAbsent(key(kt, keys.get(i)), vals.get(i));
        return new LabelEncoder(kt, vt, t, dflt);
    }

    private static void allowed(NodeContext ctx, DType t, String what) {
        switch (t) {
            case STRING, INT64, FLOAT -> { }
            case INT32, INT16, DOUBLE -> {
                if (ctx.opset() < 4) throw ctx.invalid(what + " of type " + t + " need ai.onnx.ml opset 4");
            }
            default -> throw ctx.invalid(what + " of type " + t + " are not supported");
        }
    }

    @Override
    public List<Fact> infer(List<Fact> in) {
        Fact x = in.get(0);
        return List.of(x.hasRank() ? Fact.of(valueType, x.dims()) : Fact.unknownShape(valueType));
    }

    private static boolean compatible(DType key, DType input) {
        if (key == input) return true;
        if (key == DType.STRING || input == DType.STRING) return false;
        return key.isFloatingPoint() == input.isFloatingPoint();
    }

    @Override
    public List<Tensor> run(List<Tensor> in) {
        Tensor x = in.get(0);
        if (!compatible(keyType, x.dtype())) throw new IllegalArgumentException("input of type " + x.dtype() + " for keys of type " + keyType);
        return List.of(map(x, keyType, valueType, table, dflt));
    }

    static Tensor map(Tensor x, DType keyType, DType valueType, Map<Object, Object> table, Object dflt) {
        int n = x.size();
        Tensor.Writer w = new Tensor.Writer(valueType, x.shape());
        String[] sOut = valueType == DType.STRING ? (String[]) w.storage() : null;
        String[] sIn = x.dtype() == DType.STRING ? (String[]) x.storage() : null;
        for (int i = 0; i < n; i++) {
            Object k = sIn != null ? sIn[i] : key(keyType, x.dtype().isFloatingPoint() ? (Object) x.getDouble(i) : (Object) x.getLong(i));
            Object v = table.getOrDefault(k, dflt);
            if (sOut != null) sOut[i] = (String) v;
            else if (valueType.isFloatingPoint()) w.setDouble(i, ((Number) v).doubleValue());
            else w.setLong(i, ((Number) v).longValue());
        }
        return w.done();
    }

    /** Version 1: strings to class indices (int64) or indices to strings, by the input's type. */
    private static final class V1 implements Op {
        private final Map<Object, Object> table;
        private final long dInt;
        private final String dStr;

        V1(Map<Object, Object> table, long dInt, String dStr) {
            this.table = table;
            this.dInt = dInt;
            this.dStr = dStr;
        }

        @Override
        public List<Fact> infer(List<Fact> in) {
            Fact x = in.get(0);
            if (x.dtype() == null) return List.of(Fact.UNKNOWN);
            DType out = x.dtype() == DType.STRING ? DType.INT64 : DType.STRING;
            return List.of(x.hasRank() ? Fact.of(out, x.dims()) : Fact.unknownShape(out));
        }

        @Override
        public List<Tensor> run(List<Tensor> in) {
            Tensor x = in.get(0);
            if (x.dtype() == DType.STRING) return List.of(map(x, DType.STRING, DType.INT64, table, dInt));
            if (x.dtype() != DType.INT64) throw new IllegalArgumentException("LabelEncoder-1 takes string or int64, got " + x.dtype());
            return List.of(map(x, DType.INT64, DType.STRING, table, dStr));
        }
    }
}
