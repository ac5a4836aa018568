package dev.onyx.ops.elementwise;

import dev.onyx.kernel.ElementwiseConvert;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;

/**
 * Reads tensors as the working arrays of the elementwise ops (float[] for float32/float16/bfloat16,
 * double[] for float64, long[] for integers and bool, unsigned values zero-extended) and writes them back.
 * Arrays returned for a tensor of the working type are its storage: callers only read them.
 */
final class Num {
    private Num() {}

    /** float32 storage, or float16/bfloat16 decoded. */
    static float[] floats(Tensor t) {
        return switch (t.dtype()) {
            case FLOAT -> (float[]) t.storage();
            case FLOAT16 -> ElementwiseConvert.halfToFloat((short[]) t.storage());
            case BFLOAT16 -> ElementwiseConvert.bfloat16ToFloat((short[]) t.storage());
            default -> {
                float[] f = new float[t.size()];
                for (int i = 0; i < f.length; i++) f[i] = (float) t.getDouble(i);
                yield f;
            }
        };
    }

    static double[] doubles(Tensor t) {
        if (t.dtype() == DType.DOUBLE) return (double[]) t.storage();
        double[] d = new double[t.size()];
        for (int i = 0; i < d.length; i++) d[i] = t.getDouble(i);
        return d;
    }

    /** Integers and bools as longs: exact, unsigned types zero-extended (uint64 kept as raw bits). */
    static long[] longs(Tensor t) {
        Object s = t.storage();
        if (s instanceof long[] l) return l;
        long[] r = new long[t.size()];
        switch (t.dtype()) {
            case INT32 -> { int[] a = (int[]) s; for (int i = 0; i < r.length; i++) r[i] = a[i]; }
            case UINT32 -> { int[] a = (int[]) s; for (int i = 0; i < r.length; i++) r[i] = a[i] & 0xffffffffL; }
            case INT16 -> { short[] a = (short[]) s; for (int i = 0; i < r.length; i++) r[i] = a[i]; }
            case UINT16 -> { short[] a = (short[]) s; for (int i = 0; i < r.length; i++) r[i] = a[i] & 0xffff; }
            case INT8 -> { byte[] a = (byte[]) s; for (int i = 0; i < r.length; i++) r[i] = a[i]; }
            case UINT8 -> { byte[] a = (byte[]) s; for (int i = 0; i < r.length; i++) r[i] = a[i] & 0xff; }
            case BOOL -> { boolean[] a = (boolean[]) s; for (int i = 0; i < r.length; i++) r[i] = a[i] ? 1 : 0; }
            default -> { for (int i = 0; i < r.length; i++) r[i] = t.getLong(i); }
        }
        return r;
    }

    /** A float-working-type tensor (float32, float16 or bfloat16) from floats. */
    static Tensor fromFloats(DType dtype, int[] shape, float[] v) {
        return switch (dtype) {
            case FLOAT -> Tensor.wrap(DType.FLOAT, shape, v);
            case FLOAT16 -> Tensor.wrap(DType.FLOAT16, shape, ElementwiseConvert.floatToHalf(v));
            case BFLOAT16 -> Tensor.wrap(DType.BFLOAT16, shape, ElementwiseConvert.floatToBfloat16(v));
            default -> throw new IllegalArgumentException("not a float type: " + dtype);
        };
    }

    /** An integer or bool tensor from longs, keeping the low bits (C-style wrap-around). */
    static Tensor fromLongs(DType dtype, int[] shape, long[] v) {
        Object s = switch (dtype) {
            case INT64, UINT64 -> v;
            case INT32, UINT32 -> { int[] a = new int[v.length]; for (int i = 0; i < a.length; i++) a[i] = (int) v[i]; yield a; }
            case INT16, UINT16 -> { short[] a = new short[v.length]; for (int i = 0; i < a.length; i++) a[i] = (short) v[i]; yield a; }
            case INT8, UINT8 -> { byte[] a = new byte[v.length]; for (int i = 0; i < a.length; i++) a[i] = (byte) v[i]; yield a; }
            case BOOL -> { boolean[] a = new boolean[v.length]; for (int i = 0; i < a.length; i++) a[i] = v[i] != 0; yield a; }
            default -> throw new IllegalArgumentException("not an integer type: " + dtype);
        };
        return Tensor.wrap(dtype, shape, s);
    }

    /** True for the types computed on float[]. */
    static boolean isFloatWork(DType t) {
        return t == DType.FLOAT || t == DType.FLOAT16 || t == DType.BFLOAT16;
    }

    /** Bit width of an integer type. */
    static int bits(DType t) {
        return t.byteSize() * 8;
    }

    /** Smallest value of an integer type, as stored in the working long. */
    static long minValue(DType t) {
        return t.isUnsigned() ? 0 : -(1L << (bits(t) - 1));
    }

    /** Largest value of an integer type, as stored in the working long (uint64: all bits set). */
    static long maxValue(DType t) {
        if (t == DType.UINT64) return -1L;
        return t.isUnsigned() ? (1L << bits(t)) - 1 : (1L << (bits(t) - 1)) - 1;
    }

    static IllegalArgumentException unsupported(String op, DType t) {
        return new IllegalArgumentException(op + " does not support " + t + " inputs");
    }

    static void sameType(String op, Tensor a, Tensor b) {
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException(op + ": inputs must have the same type, got " + a.dtype() + " and " + b.dtype());
        }
    }
}
