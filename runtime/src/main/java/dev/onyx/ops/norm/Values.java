package dev.onyx.ops.norm;

import dev.onyx.InvalidModelException;
import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/** Shared helpers of the norm family: reading tensors as doubles, writing them back, dtype checks. */
final class Values {
    private Values() {}

    /** The elements as doubles; for float64 the backing array itself, which must not be modified. */
    static double[] read(Tensor t) { return dev.onyx.tensor.TensorArrays.doubles(t); }

    /** A new tensor of a floating dtype holding the values (rounded to the dtype). */
    static Tensor write(DType dtype, int[] shape, double[] v) { return dev.onyx.tensor.TensorArrays.fromDoubles(dtype, shape, v); }

    /** Throws unless the tensor holds a floating-point type. */
    static void requireFloating(Tensor t, String what) {
        if (!t.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException(what + ": expected float16, bfloat16, float32 or float64, got " + t.dtype());
        }
    }

    /** Throws unless the known dtype of a fact is floating point. */
    static void requireFloating(Fact f, String what) {
        if (f != null && f.dtype() != null && !f.dtype().isFloatingPoint()) {
            throw new InvalidModelException(what + ": expected float16, bfloat16, float32 or float64, got " + f.dtype());
        }
    }

    /** The same dtype and shape as the fact, without its constant value. */
    static Fact same(Fact f) {
        return f == null ? Fact.UNKNOWN : new Fact(f.dtype(), f.dims(), null);
    }

    /** A fact with the same dims as x but another dtype. */
    static Fact withType(DType dtype, Fact x) {
        return new Fact(dtype, x == null ? null : x.dims(), null);
    }

    /** Dims of x with every axis from {@code from} on set to 1 (the Mean/InvStdDev shape of LayerNormalization). */
    static List<Dim> onesFrom(List<Dim> dims, int from) {
        List<Dim> r = new ArrayList<>(dims);
        for (int i = from; i < r.size(); i++) r.set(i, Dim.of(1));
        return r;
    }

    /** Reads a 1-D (or scalar) integer tensor as longs. */
    static long[] longs(Tensor t, String what) {
        if (!t.dtype().isInteger()) throw new IllegalArgumentException(what + ": expected int64, got " + t.dtype());
        if (t.rank() > 1) throw new IllegalArgumentException(what + ": expected a 1-D tensor, got rank " + t.rank());
        long[] r = new long[t.size()];
        for (int i = 0; i < r.length; i++) r[i] = t.getLong(i);
        return r;
    }

    /** Normalizes an axis against a rank with an ONNX-style message. */
    static int axis(long axis, int rank, String what) {
        long a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException(what + " " + axis + " is out of range for rank " + rank
                    + " (expected " + (-rank) + " to " + (rank - 1) + ")");
        }
        return (int) a;
    }
}
