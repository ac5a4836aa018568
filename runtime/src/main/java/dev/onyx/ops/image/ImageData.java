package dev.onyx.ops.image;

import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;

/** Moves image-op tensor data to and from double[] / float[] and reads small parameter tensors. */
final class ImageData {
    private ImageData() {}

    static boolean isFloat(DType t) {
        return t == DType.FLOAT || t == DType.DOUBLE || t == DType.FLOAT16 || t == DType.BFLOAT16;
    }

    /** The elements as doubles (a copy, or the storage itself for float64: read only). */
    static double[] doubles(Tensor t) { return dev.onyx.tensor.TensorArrays.doubles(t); }

    /** The elements as floats (the storage itself for float32: read only). */
    static float[] floats(Tensor t) { return dev.onyx.tensor.TensorArrays.floats(t); }

    /** A tensor of the type from computed doubles (integers truncated toward zero, as numpy astype). */
    static Tensor fromDoubles(DType dtype, int[] shape, double[] d) { return dev.onyx.tensor.TensorArrays.fromDoubles(dtype, shape, d); }

    static Tensor fromFloats(DType dtype, int[] shape, float[] f) {
        if (dtype == DType.FLOAT) return Tensor.wrap(dtype, shape, f);
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i];
        return fromDoubles(dtype, shape, d);
    }

    /** Elements of an integer tensor as longs. */
    static long[] longs(Tensor t, String what) {
        if (!t.dtype().isInteger()) throw new IllegalArgumentException(what + ": expected an integer tensor, got " + t.dtype());
        long[] r = new long[t.size()];
        for (int i = 0; i < r.length; i++) r[i] = t.getLong(i);
        return r;
    }

    /** Elements of a floating tensor as doubles. */
    static double[] reals(Tensor t, String what) {
        if (!isFloat(t.dtype())) throw new IllegalArgumentException(what + ": expected a floating-point tensor, got " + t.dtype());
        double[] r = new double[t.size()];
        for (int i = 0; i < r.length; i++) r[i] = t.getDouble(i);
        return r;
    }

    /** Writes v (converted) into element i of a fresh storage array of the given type. */
    static void set(Object storage, DType t, int i, double v) {
        switch (storage) {
            case float[] a -> a[i] = (float) v;
            case double[] a -> a[i] = v;
            case long[] a -> a[i] = (long) v;
            case int[] a -> a[i] = (int) (long) v;
            case short[] a -> a[i] = t == DType.FLOAT16 ? Float.floatToFloat16((float) v)
                    : t == DType.BFLOAT16 ? Tensor.floatToBfloat16((float) v) : (short) (long) v;
            case byte[] a -> a[i] = (byte) (long) v;
            case boolean[] a -> a[i] = v != 0;
            default -> throw new IllegalArgumentException("cannot write a number into " + t);
        }
    }
}
