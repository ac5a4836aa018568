package dev.onyx.ops.shape;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/** Helpers shared by the shape ops: reading index tensors, checking shapes, building facts. */
final class ShapeUtil {
    private ShapeUtil() {}

    /** The elements of an integer tensor as longs; throws for other types. */
    static long[] longs(Tensor t, String what) {
        if (!t.dtype().isInteger()) {
            throw new IllegalArgumentException(what + ": expected an integer tensor, got " + t.dtype());
        }
        if (t.dtype() == DType.INT64 || t.dtype() == DType.UINT64) return (long[]) t.storage();
        long[] r = new long[t.size()];
        for (int i = 0; i < r.length; i++) r[i] = t.getLong(i);
        return r;
    }

    /** The single value of a scalar or 1-element tensor. */
    static long scalarLong(Tensor t, String what) {
        if (t.size() != 1) {
            throw new IllegalArgumentException(what + ": expected a single value, got shape " + Shapes.toString(t.shape()));
        }
        return t.dtype().isIntegral() ? t.getLong(0) : (long) t.getDouble(0);
    }

    /** The constant value of an integer fact as longs, or null when it is not a constant. */
    static long[] constLongs(Fact f) {
        if (f == null || f.constant() == null || !f.constant().dtype().isInteger()) return null;
        return longs(f.constant(), "constant");
    }

    static int toInt(long v, String what) {
        if (v != (int) v) throw new IllegalArgumentException(what + ": value " + v + " is out of range");
        return (int) v;
    }

    /** A checked output shape: no negative dims and fewer than 2^31 elements. */
    static int[] shape(long[] dims, String what) {
        int[] s = new int[dims.length];
        for (int i = 0; i < s.length; i++) {
            if (dims[i] < 0) throw new IllegalArgumentException(what + ": negative dimension " + dims[i]);
            s[i] = toInt(dims[i], what);
        }
        if (Shapes.sizeOrMinusOne(dims) < 0) {
            throw new IllegalArgumentException(what + ": shape " + Shapes.toString(s) + " has more than 2^31 elements");
        }
        return s;
    }

    /** Normalizes an axis in [-rank, rank). */
    static int axis(long axis, int rank, String what) {
        long a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException(what + ": axis " + axis + " is out of range for rank " + rank);
        }
        return (int) a;
    }

    static Tensor longVector(long[] v) {
        return Tensor.wrap(DType.INT64, new int[] {v.length}, v);
    }

    static List<Dim> unknownDims(int rank) {
        List<Dim> d = new ArrayList<>(rank);
        for (int i = 0; i < rank; i++) d.add(Dim.UNKNOWN);
        return d;
    }

    /** The fact's dtype, or null when the fact is absent. */
    static DType dtype(Fact f) {
        return f == null ? null : f.dtype();
    }

    /** Same dtype and dims as the input, not constant. */
    static Fact like(Fact f) {
        return f == null ? Fact.UNKNOWN : new Fact(f.dtype(), f.dims(), null);
    }

    /** Product of dims, or -1 when one is not known. */
    static long product(List<Dim> dims, int from, int to) {
        long p = 1;
        for (int i = from; i < to; i++) {
            Dim d = dims.get(i);
            if (!d.isKnown()) return -1;
            p *= d.value();
        }
        return p;
    }

    static Dim dimOrUnknown(long v) {
        return v >= 0 ? Dim.of(v) : Dim.UNKNOWN;
    }

    /** Copies a tensor's storage into a new array (for ops whose outputs start as a copy of an input). */
    static Object copyStorage(Tensor t) {
        return dev.onyx.kernel.Copy.range(t.storage(), 0, t.size());
    }
}
