package dev.onyx.kernel;

import dev.onyx.tensor.Tensor;

/** Whole-array conversions between float32 and the 16-bit float encodings. */
public final class ElementwiseConvert {
    private ElementwiseConvert() {}

    public static float[] halfToFloat(short[] h) {
        float[] f = new float[h.length];
        for (int i = 0; i < h.length; i++) f[i] = Float.float16ToFloat(h[i]);
        return f;
    }

    public static short[] floatToHalf(float[] f) {
        short[] h = new short[f.length];
        for (int i = 0; i < f.length; i++) h[i] = Float.floatToFloat16(f[i]);
        return h;
    }

    public static float[] bfloat16ToFloat(short[] h) {
        float[] f = new float[h.length];
        for (int i = 0; i < h.length; i++) f[i] = Tensor.bfloat16ToFloat(h[i]);
        return f;
    }

    public static short[] floatToBfloat16(float[] f) {
        short[] h = new short[f.length];
        for (int i = 0; i < f.length; i++) h[i] = Tensor.floatToBfloat16(f[i]);
        return h;
    }
}
