package dev.onyx.ops.nn;

import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;

/** Moves nn tensor data to and from the float[] / double[] arrays the kernels compute on. */
final class NnData {
    private NnData() {}

    /** The elements as floats: the storage itself for float32 (read only), a converted copy otherwise. */
    static float[] floats(Tensor t) {
        if (t.dtype() == DType.FLOAT) return (float[]) t.storage();
        float[] f = new float[t.size()];
        switch (t.dtype()) {
            case FLOAT16 -> {
                short[] s = (short[]) t.storage();
                for (int i = 0; i < f.length; i++) f[i] = Float.float16ToFloat(s[i]);
            }
            case BFLOAT16 -> {
                short[] s = (short[]) t.storage();
                for (int i = 0; i < f.length; i++) f[i] = Tensor.bfloat16ToFloat(s[i]);
            }
            case INT8 -> {
                byte[] b = (byte[]) t.storage();
                for (int i = 0; i < f.length; i++) f[i] = b[i];
            }
            case UINT8 -> {
                byte[] b = (byte[]) t.storage();
                for (int i = 0; i < f.length; i++) f[i] = b[i] & 0xff;
            }
            default -> {
                for (int i = 0; i < f.length; i++) f[i] = (float) t.getDouble(i);
            }
        }
        return f;
    }

    /** The elements as doubles: the storage itself for float64 (read only), a converted copy otherwise. */
    static double[] doubles(Tensor t) { return dev.onyx.tensor.TensorArrays.doubles(t); }

    /** A tensor of the given type from computed floats (integers saturate: an empty max window gives the minimum). */
    static Tensor fromFloats(DType dtype, int[] shape, float[] f) {
        return switch (dtype) {
            case FLOAT -> Tensor.wrap(dtype, shape, f);
            case FLOAT16, BFLOAT16 -> {
                short[] s = new short[f.length];
                for (int i = 0; i < f.length; i++) {
                    s[i] = dtype == DType.FLOAT16 ? Float.floatToFloat16(f[i]) : Tensor.floatToBfloat16(f[i]);
                }
                yield Tensor.wrap(dtype, shape, s);
            }
            case INT8, UINT8 -> {
                int lo = dtype == DType.INT8 ? -128 : 0, hi = dtype == DType.INT8 ? 127 : 255;
                byte[] b = new byte[f.length];
                for (int i = 0; i < f.length; i++) b[i] = (byte) Math.max(lo, Math.min(hi, (int) f[i]));
                yield Tensor.wrap(dtype, shape, b);
            }
            default -> fromDoubles(dtype, shape, toDoubles(f));
        };
    }

    /** A tensor of the given type from computed doubles. */
    static Tensor fromDoubles(DType dtype, int[] shape, double[] d) {
        if (dtype == DType.DOUBLE) return Tensor.wrap(dtype, shape, d);
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
        if (dtype == DType.FLOAT || dtype == DType.FLOAT16 || dtype == DType.BFLOAT16
                || dtype == DType.INT8 || dtype == DType.UINT8) {
            return fromFloats(dtype, shape, f);
        }
        return Tensor.fromDoubles(dtype, shape, d);
    }

    private static double[] toDoubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i];
        return d;
    }

    static boolean isFloat(DType t) {
        return t == DType.FLOAT || t == DType.DOUBLE || t == DType.FLOAT16 || t == DType.BFLOAT16;
    }
}
