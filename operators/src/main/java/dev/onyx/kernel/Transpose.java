package dev.onyx.kernel;

/** Axis permutation of a row-major array of any element type. */
public final class Transpose {
    private Transpose() {}

    /** The output shape: {@code out[i] = shape[perm[i]]}. */
    public static int[] shape(int[] shape, int[] perm) {
        int[] out = new int[perm.length];
        for (int i = 0; i < perm.length; i++) out[i] = shape[perm[i]];
        return out;
    }

    /** A new array holding src (of the given shape) with its axes permuted: output axis i is input axis perm[i]. */
    public static Object apply(Object src, int[] shape, int[] perm) {
        int[] strides = new int[shape.length];
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = acc;
            acc *= shape[i];
        }
        int[] outStrides = new int[perm.length];
        for (int i = 0; i < perm.length; i++) outStrides[i] = strides[perm[i]];
        if (perm.length == 2 && src instanceof float[] f && shape[0] > 1 && shape[1] > 1) {
            return transpose2d(f, shape[0], shape[1]);
        }
        return Copy.strided(src, 0, shape(shape, perm), outStrides);
    }

    private static float[] transpose2d(float[] a, int rows, int cols) {
        float[] out = new float[rows * cols];
        final int b = 32;
        for (int i0 = 0; i0 < rows; i0 += b) {
            int i1 = Math.min(rows, i0 + b);
            for (int j0 = 0; j0 < cols; j0 += b) {
                int j1 = Math.min(cols, j0 + b);
                for (int i = i0; i < i1; i++) {
                    for (int j = j0; j < j1; j++) out[j * rows + i] = a[i * cols + j];
                }
            }
        }
        return out;
    }
}
