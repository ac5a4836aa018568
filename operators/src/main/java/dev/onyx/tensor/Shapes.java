package dev.onyx.tensor;

import java.util.Arrays;

/** Static helpers on shapes given as {@code int[]} (row-major, last axis fastest). */
public final class Shapes {
    private Shapes() {}

    /** Number of elements; throws when a dimension is negative or the product overflows an int. */
    public static int size(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in shape " + toString(shape));
            n *= d;
            if (n > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("shape " + toString(shape) + " has more than 2^31 elements");
            }
        }
        return (int) n;
    }

    /** Element count as a long, or -1 when it would not fit a Java array. */
    public static long sizeOrMinusOne(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) return -1;
            if (d != 0 && n > (Integer.MAX_VALUE - 8) / d) {
                // keep scanning for a zero dimension, which makes the whole product zero
                for (long e : shape) if (e == 0) return 0;
                return -1;
            }
            n *= d;
        }
        return n;
    }

    /** Row-major strides in elements. */
    public static int[] strides(int[] shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    /** Normalizes a possibly negative axis against a rank; throws when out of range. */
    public static int axis(int axis, int rank) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException("axis " + axis + " is out of range for rank " + rank);
        }
        return a;
    }

    /** Product of dims in [from, to). */
    public static int product(int[] shape, int from, int to) {
        int p = 1;
        for (int i = from; i < to; i++) p *= shape[i];
        return p;
    }

    /** The numpy-style broadcast of two shapes; throws naming both when they do not broadcast. */
    public static int[] broadcast(int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da == db || db == 1) out[i] = da;
            else if (da == 1) out[i] = db;
            else throw new IllegalArgumentException(
                    "shapes " + toString(a) + " and " + toString(b) + " do not broadcast (axis " + i + ": " + da + " vs " + db + ")");
        }
        return out;
    }

    /**
     * Strides for reading a tensor of shape {@code from} as if it had the broadcast shape {@code to}:
     * 0 on broadcast axes.
     */
    public static int[] broadcastStrides(int[] from, int[] to) {
        int[] s = new int[to.length];
        int[] fs = strides(from);
        int off = to.length - from.length;
        for (int i = 0; i < to.length; i++) {
            int k = i - off;
            s[i] = (k < 0 || from[k] == 1) ? 0 : fs[k];
        }
        return s;
    }

    public static String toString(int[] shape) {
        return Arrays.toString(shape);
    }
}
