package dev.onyx.tensor;

import java.util.Arrays;

/**
 * Output storage for ops: taken from the {@link Arena} of the session run on this thread (recycled
 * arrays, with ARBITRARY contents: the op must write every element), or freshly allocated when no
 * run is in progress (or from another thread, such as a parallel worker). The {@code zeroed...}
 * variants fill with zeros, for ops that accumulate into their output.
 *
 * <p>An array obtained here may be used only as the storage of a tensor the op returns (or as scratch
 * that is then dropped): never cached by the op, nor kept after the op returns in any other way.
 */
public final class Buffers {
    private Buffers() {}

    /** n floats, contents arbitrary. */
    public static float[] floats(int n) {
        Arena a = Arena.current();
        return a == null ? new float[n] : a.floats(n);
    }

    /** n floats, all zero. */
    public static float[] zeroedFloats(int n) {
        Arena a = Arena.current();
        if (a == null) return new float[n];
        float[] f = a.floats(n);
        Arrays.fill(f, 0f);
        return f;
    }

    /** n doubles, contents arbitrary. */
    public static double[] doubles(int n) {
        Arena a = Arena.current();
        return a == null ? new double[n] : a.doubles(n);
    }

    /** n doubles, all zero. */
    public static double[] zeroedDoubles(int n) {
        Arena a = Arena.current();
        if (a == null) return new double[n];
        double[] d = a.doubles(n);
        Arrays.fill(d, 0.0);
        return d;
    }

    /** n longs, contents arbitrary. */
    public static long[] longs(int n) {
        Arena a = Arena.current();
        return a == null ? new long[n] : a.longs(n);
    }

    /** n ints, contents arbitrary. */
    public static int[] ints(int n) {
        Arena a = Arena.current();
        return a == null ? new int[n] : a.ints(n);
    }

    /**
     * Storage for n elements of the type, as {@link Tensor#allocate} but with arbitrary contents for the
     * primitive types (strings are always fresh and filled with "").
     */
    public static Object allocate(DType dtype, int n) {
        Arena a = Arena.current();
        if (a == null || dtype == DType.STRING) return Tensor.allocate(dtype, n);
        return switch (dtype) {
            case FLOAT -> a.floats(n);
            case DOUBLE -> a.doubles(n);
            case INT64, UINT64 -> a.longs(n);
            case INT32, UINT32 -> a.ints(n);
            case INT16, UINT16, FLOAT16, BFLOAT16 -> a.shorts(n);
            case INT8, UINT8 -> a.bytes(n);
            case BOOL -> a.booleans(n);
            case STRING -> throw new AssertionError();
        };
    }
}
