package dev.onyx.ir;

import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * What is known about a value before running: its element type (null when unknown), its shape
 * (null when even the rank is unknown; dims may be symbolic) and, for constants, the value itself.
 */
public record Fact(DType dtype, List<Dim> dims, Tensor constant) {
    public static final Fact UNKNOWN = new Fact(null, null, null);

    public Fact {
        dims = dims == null ? null : List.copyOf(dims);
    }

    public static Fact of(DType dtype, List<Dim> dims) { return new Fact(dtype, dims, null); }

    public static Fact of(DType dtype, int... shape) { return new Fact(dtype, dimsOf(shape), null); }

    public static Fact constant(Tensor t) { return new Fact(t.dtype(), dimsOf(t.shape()), t); }

    public static Fact unknownShape(DType dtype) { return new Fact(dtype, null, null); }

    public static List<Dim> dimsOf(int[] shape) {
        List<Dim> d = new ArrayList<>(shape.length);
        for (int s : shape) d.add(Dim.of(s));
        return d;
    }

    public boolean hasRank() { return dims != null; }

    public int rank() {
        if (dims == null) throw new IllegalStateException("rank unknown");
        return dims.size();
    }

    /** True when every dimension is a known number. */
    public boolean isStatic() {
        if (dims == null) return false;
        for (Dim d : dims) if (!d.isKnown()) return false;
        return true;
    }

    /** The shape as ints; only when {@link #isStatic()}. */
    public int[] staticShape() {
        int[] s = new int[dims.size()];
        for (int i = 0; i < s.length; i++) s[i] = Math.toIntExact(dims.get(i).value());
        return s;
    }

    public boolean isConstant() { return constant != null; }

    /** e.g. {@code float32 [batch,3,224,224]}. */
    public String describe() {
        String t = dtype == null ? "?" : dtype.toString();
        if (dims == null) return t + " [?]";
        StringBuilder sb = new StringBuilder(t).append(" [");
        for (int i = 0; i < dims.size(); i++) {
            if (i > 0) sb.append(',');
            sb.append(dims.get(i));
        }
        return sb.append(']').toString();
    }

    @Override
    public String toString() { return describe(); }
}
