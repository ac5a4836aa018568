package dev.onyx.ops.seq;

import dev.onyx.InvalidModelException;
import dev.onyx.ir.Fact;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

/** Moves seq-family tensor data to and from the primitive arrays the kernels compute on, and checks shapes. */
final class SeqData {
    private SeqData() {}

    /** The elements as floats: the storage itself for float32 (read only), a converted copy otherwise. */
    static float[] floats(Tensor t) {
        if (t.dtype() == DType.FLOAT) return (float[]) t.storage();
        float[] f = new float[t.size()];
        if (t.dtype() == DType.FLOAT16) {
            short[] s = (short[]) t.storage();
            for (int i = 0; i < f.length; i++) f[i] = Float.float16ToFloat(s[i]);
        } else {
            for (int i = 0; i < f.length; i++) f[i] = (float) t.getDouble(i);
        }
        return f;
    }

    /** The elements as doubles: the storage itself for float64 (read only), a converted copy otherwise. */
    static double[] doubles(Tensor t) { return dev.onyx.tensor.TensorArrays.doubles(t); }

    /** A tensor of a floating dtype from computed floats. */
    static Tensor fromFloats(DType dtype, int[] shape, float[] f) {
        if (dtype == DType.FLOAT) return Tensor.wrap(dtype, shape, f);
        double[] d = new double[f.length];
        for (int i = 0; i < d.length; i++) d[i] = f[i];
        return fromDoubles(dtype, shape, d);
    }

    /** A tensor of any numeric dtype from computed doubles (rounded to the dtype). */
    static Tensor fromDoubles(DType dtype, int[] shape, double[] d) { return dev.onyx.tensor.TensorArrays.fromDoubles(dtype, shape, d); }

    /** Throws unless the tensor has exactly the expected shape. */
    static void expectShape(Tensor t, String what, int... expected) {
        if (!java.util.Arrays.equals(t.shape(), expected)) {
            throw new IllegalArgumentException(what + ": expected shape " + Shapes.toString(expected) + ", got "
                    + Shapes.toString(t.shape()));
        }
    }

    /** Throws unless the tensor has the given rank. */
    static void expectRank(Tensor t, String what, int rank) {
        if (t.rank() != rank) {
            throw new IllegalArgumentException(what + ": expected rank " + rank + ", got shape " + Shapes.toString(t.shape()));
        }
    }

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

    /** Throws unless the known rank of a fact is the expected one. */
    static void requireRank(Fact f, String what, int rank) {
        if (f != null && f.hasRank() && f.rank() != rank) {
            throw new InvalidModelException(what + ": expected rank " + rank + ", got " + f.describe());
        }
    }
}
