package dev.onyx.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.Locale;

/** First values and min/max/mean of a tensor, for printing. NaNs are counted and left out of the statistics. */
record TensorSummary(DType dtype, int[] shape, int size, Tensor head, double min, double max, double mean, int nanCount) {

    static TensorSummary of(Tensor t, int maxValues) {
        int n = t.size();
        double min = Double.NaN, max = Double.NaN, sum = 0;
        int counted = 0, nans = 0;
        if (t.dtype() != DType.STRING) {
            min = Double.POSITIVE_INFINITY;
            max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                double v = t.getDouble(i);
                if (Double.isNaN(v)) { nans++; continue; }
                if (v < min) min = v;
                if (v > max) max = v;
                sum += v;
                counted++;
            }
            if (counted == 0) { min = Double.NaN; max = Double.NaN; }
        }
        double mean = counted == 0 ? Double.NaN : sum / counted;
        return new TensorSummary(t.dtype(), t.shape(), n, t, min, max, mean, nans);
    }

    private int shown(int maxValues) { return Math.min(size, Math.max(0, maxValues)); }

    /** e.g. {@code float32 [1,10]}. */
    String typeAndShape() { return dtype + " " + Shapes.toString(shape).replace(" ", ""); }

    String valuesText(int maxValues) {
        StringBuilder sb = new StringBuilder("[");
        int k = shown(maxValues);
        for (int i = 0; i < k; i++) {
            if (i > 0) sb.append(", ");
            sb.append(valueText(i));
        }
        if (size > k) sb.append(k > 0 ? ", ..." : "...");
        return sb.append(']').toString();
    }

    private String valueText(int i) {
        if (dtype == DType.STRING) return '"' + ((String[]) head.storage())[i] + '"';
        if (dtype == DType.BOOL) return Boolean.toString(head.getLong(i) != 0);
        if (dtype.isInteger()) return dtype == DType.UINT64 ? Long.toUnsignedString(head.getLong(i)) : Long.toString(head.getLong(i));
        return num(head.getDouble(i));
    }

    String statsText() {
        if (dtype == DType.STRING) return "";
        if (size == 0) return "empty";
        String s = "min " + num(min) + "  max " + num(max) + "  mean " + num(mean);
        return nanCount > 0 ? s + "  (" + nanCount + " NaN)" : s;
    }

    static String num(double v) {
        if (Double.isNaN(v)) return "NaN";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        double a = Math.abs(v);
        if (a >= 1e-4 && a < 1e7) return String.format(Locale.ROOT, "%.6g", v).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
        return String.format(Locale.ROOT, "%.6e", v);
    }

    ObjectNode toJson(int maxValues) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        o.put("dtype", dtype.toString());
        ArrayNode sh = o.putArray("shape");
        for (int d : shape) sh.add(d);
        o.put("size", size);
        ArrayNode vals = o.putArray("values");
        int k = shown(maxValues);
        for (int i = 0; i < k; i++) {
            if (dtype == DType.STRING) vals.add(((String[]) head.storage())[i]);
            else if (dtype == DType.BOOL) vals.add(head.getLong(i) != 0);
            else if (dtype == DType.UINT64) vals.add(new java.math.BigInteger(Long.toUnsignedString(head.getLong(i))));
            else if (dtype.isInteger()) vals.add(head.getLong(i));
            else if (dtype != DType.DOUBLE && Double.isFinite(head.getDouble(i))) vals.add((float) head.getDouble(i));
            else jsonNumber(vals, head.getDouble(i));
        }
        o.put("values_truncated", size > k);
        if (dtype != DType.STRING) {
            putNumber(o, "min", min);
            putNumber(o, "max", max);
            putNumber(o, "mean", mean);
            o.put("nan_count", nanCount);
        }
        return o;
    }

    /** Finite numbers as numbers; NaN and infinities as the strings "NaN", "inf", "-inf" (JSON has no such numbers). */
    static void jsonNumber(ArrayNode a, double v) {
        if (Double.isFinite(v)) a.add(v);
        else a.add(num(v));
    }

    static void putNumber(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) o.put(key, v);
        else if (Double.isNaN(v)) o.putNull(key);
        else o.put(key, num(v));
    }
}
