package dev.onyx.kernel;

import java.lang.reflect.Array;
import java.util.Arrays;

/**
 * Element moves on storage arrays of any element type (float[], long[], boolean[], String[]...):
 * strided copies, index gathers and fills. Used by the data-movement ops, which never look at values.
 */
public final class Copy {
    private Copy() {}

    /** A new array of the same class as {@code like}, of length n (String arrays filled with ""). */
    public static Object allocLike(Object like, int n) {
        Object a = Array.newInstance(like.getClass().getComponentType(), n);
        if (a instanceof String[] s) Arrays.fill(s, "");
        return a;
    }

    /** Length of a storage array. */
    public static int length(Object array) {
        return Array.getLength(array);
    }

    /** A copy of elements [from, from+n) of src. */
    public static Object range(Object src, int from, int n) {
        Object dst = allocLike(src, n);
        System.arraycopy(src, from, dst, 0, n);
        return dst;
    }

    /** Fills all of dst with element {@code at} of {@code value}. */
    public static void fill(Object dst, Object value, int at) {
        fill(dst, 0, Array.getLength(dst), value, at);
    }

    /** Fills dst[from, to) with element {@code at} of {@code value} (an array of the same class). */
    public static void fill(Object dst, int from, int to, Object value, int at) {
        switch (dst) {
            case float[] d -> Arrays.fill(d, from, to, ((float[]) value)[at]);
            case double[] d -> Arrays.fill(d, from, to, ((double[]) value)[at]);
            case long[] d -> Arrays.fill(d, from, to, ((long[]) value)[at]);
            case int[] d -> Arrays.fill(d, from, to, ((int[]) value)[at]);
            case short[] d -> Arrays.fill(d, from, to, ((short[]) value)[at]);
            case byte[] d -> Arrays.fill(d, from, to, ((byte[]) value)[at]);
            case boolean[] d -> Arrays.fill(d, from, to, ((boolean[]) value)[at]);
            case Object[] d -> Arrays.fill(d, from, to, ((Object[]) value)[at]);
            default -> throw new IllegalArgumentException("not a storage array: " + dst.getClass());
        }
    }

    /** dst[i] = src[index[i]] for every i: a new array of index.length elements. */
    public static Object take(Object src, int[] index) {
        Object dst = allocLike(src, index.length);
        take(src, 0, index, 0, index.length, dst, 0);
        return dst;
    }

    /**
     * dst[dstPos + i] = src[srcBase + index[from + i]] for i in [0, n); an index below 0 leaves dst unchanged
     * (used for padding).
     */
    public static void take(Object src, int srcBase, int[] index, int from, int n, Object dst, int dstPos) {
        switch (src) {
            case float[] s -> { float[] d = (float[]) dst; for (int i = 0; i < n; i++) { int k = index[from + i]; if (k >= 0) d[dstPos + i] = s[srcBase + k]; } }
            case double[] s -> { double[] d = (double[]) dst; for (int i = 0; i < n; i++) { int k = index[from + i]; if (k >= 0) d[dstPos + i] = s[srcBase + k]; } }
            case long[] s -> { long[] d = (long[]) dst; for (int i = 0; i < n; i++) { int k = index[from + i]; if (k >= 0) d[dstPos + i] = s[srcBase + k]; } }
            case int[] s -> { int[] d = (int[]) dst; for (int i = 0; i < n; i++) { int k = index[from + i]; if (k >= 0) d[dstPos + i] = s[srcBase + k]; } }
            case short[] s -> { short[] d = (short[]) dst; for (int i = 0; i < n; i++) { int k = index[from + i]; if (k >= 0) d[dstPos + i] = s[srcBase + k]; } }
            case byte[] s -> { byte[] d = (byte[]) dst; for (int i = 0; i < n; i++) { int k = index[from + i]; if (k >= 0) d[dstPos + i] = s[srcBase + k]; } }
            case boolean[] s -> { boolean[] d = (boolean[]) dst; for (int i = 0; i < n; i++) { int k = index[from + i]; if (k >= 0) d[dstPos + i] = s[srcBase + k]; } }
            case Object[] s -> { Object[] d = (Object[]) dst; for (int i = 0; i < n; i++) { int k = index[from + i]; if (k >= 0) d[dstPos + i] = s[srcBase + k]; } }
            default -> throw new IllegalArgumentException("not a storage array: " + src.getClass());
        }
    }

    /** n elements from src (starting at srcPos, step srcStep) to dst (starting at dstPos, step 1). */
    public static void stepped(Object src, int srcPos, int srcStep, Object dst, int dstPos, int n) {
        if (srcStep == 1) {
            System.arraycopy(src, srcPos, dst, dstPos, n);
            return;
        }
        switch (src) {
            case float[] s -> { float[] d = (float[]) dst; for (int i = 0; i < n; i++) d[dstPos + i] = s[srcPos + i * srcStep]; }
            case double[] s -> { double[] d = (double[]) dst; for (int i = 0; i < n; i++) d[dstPos + i] = s[srcPos + i * srcStep]; }
            case long[] s -> { long[] d = (long[]) dst; for (int i = 0; i < n; i++) d[dstPos + i] = s[srcPos + i * srcStep]; }
            case int[] s -> { int[] d = (int[]) dst; for (int i = 0; i < n; i++) d[dstPos + i] = s[srcPos + i * srcStep]; }
            case short[] s -> { short[] d = (short[]) dst; for (int i = 0; i < n; i++) d[dstPos + i] = s[srcPos + i * srcStep]; }
            case byte[] s -> { byte[] d = (byte[]) dst; for (int i = 0; i < n; i++) d[dstPos + i] = s[srcPos + i * srcStep]; }
            case boolean[] s -> { boolean[] d = (boolean[]) dst; for (int i = 0; i < n; i++) d[dstPos + i] = s[srcPos + i * srcStep]; }
            case Object[] s -> { Object[] d = (Object[]) dst; for (int i = 0; i < n; i++) d[dstPos + i] = s[srcPos + i * srcStep]; }
            default -> throw new IllegalArgumentException("not a storage array: " + src.getClass());
        }
    }

    /**
     * A new row-major array of shape {@code outShape} whose element at index (i0, i1, ...) is
     * {@code src[offset + i0*strides[0] + i1*strides[1] + ...]}. Strides may be 0 (broadcast) or negative.
     */
    public static Object strided(Object src, int offset, int[] outShape, int[] strides) {
        long n = 1;
        for (int d : outShape) n *= d;
        if (n > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("output too large: " + n + " elements");
        Object dst = allocLike(src, (int) n);
        if (n == 0) return dst;
        // merge axes that are contiguous in the source, drop size-1 axes
        int[] sh = new int[outShape.length];
        int[] st = new int[outShape.length];
        int r = 0;
        for (int i = 0; i < outShape.length; i++) {
            if (outShape[i] == 1) continue;
            if (r > 0 && st[r - 1] == strides[i] * outShape[i]) {
                sh[r - 1] *= outShape[i];
                st[r - 1] = strides[i];
            } else {
                sh[r] = outShape[i];
                st[r] = strides[i];
                r++;
            }
        }
        if (r == 0) {
            System.arraycopy(src, offset, dst, 0, 1);
            return dst;
        }
        int inner = sh[r - 1];
        int innerStride = st[r - 1];
        int[] idx = new int[r - 1];
        int pos = offset;
        for (int out = 0; out < n; out += inner) {
            if (innerStride == 0) fill(dst, out, out + inner, src, pos);
            else stepped(src, pos, innerStride, dst, out, inner);
            for (int k = r - 2; k >= 0; k--) {
                pos += st[k];
                if (++idx[k] < sh[k]) break;
                pos -= st[k] * sh[k];
                idx[k] = 0;
            }
        }
        return dst;
    }

    /**
     * Copies a block of shape {@code shape} from src (row-major at srcOffset with srcStrides) into dst at
     * dstOffset with dstStrides; the last axis must have stride 1 in dst.
     */
    public static void block(Object src, int srcOffset, int[] srcStrides, Object dst, int dstOffset, int[] dstStrides,
                             int[] shape) {
        int rank = shape.length;
        for (int d : shape) if (d == 0) return;
        if (rank == 0) {
            System.arraycopy(src, srcOffset, dst, dstOffset, 1);
            return;
        }
        int inner = shape[rank - 1];
        int innerStride = srcStrides[rank - 1];
        int[] idx = new int[rank - 1];
        int sp = srcOffset;
        int dp = dstOffset;
        while (true) {
            if (innerStride == 0) fill(dst, dp, dp + inner, src, sp);
            else stepped(src, sp, innerStride, dst, dp, inner);
            int k = rank - 2;
            for (; k >= 0; k--) {
                sp += srcStrides[k];
                dp += dstStrides[k];
                if (++idx[k] < shape[k]) break;
                sp -= srcStrides[k] * shape[k];
                dp -= dstStrides[k] * shape[k];
                idx[k] = 0;
            }
            if (k < 0) return;
        }
    }
}
