package dev.onyx.ops.quant;

import dev.onyx.UnsupportedModelException;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

/** Shared helpers of the quantization ops: integer ranges, rounding and saturation, float precisions. */
final class Quant {
    private Quant() {}

    /** Whether t is an integer type a quantized tensor may have in Onyx (8- and 16-bit). */
    static boolean isQuantType(DType t) {
        return t == DType.UINT8 || t == DType.INT8 || t == DType.UINT16 || t == DType.INT16;
    }

    static long min(DType t) {
        return switch (t) {
            case UINT8, UINT16, UINT32, UINT64 -> 0;
            case INT8 -> Byte.MIN_VALUE;
            case INT16 -> Short.MIN_VALUE;
            case INT32 -> Integer.MIN_VALUE;
            default -> Long.MIN_VALUE;
        };
    }

    static long max(DType t) {
        return switch (t) {
            case UINT8 -> 255;
            case INT8 -> Byte.MAX_VALUE;
            case UINT16 -> 65535;
            case INT16 -> Short.MAX_VALUE;
            case INT32 -> Integer.MAX_VALUE;
            case UINT32 -> 0xffffffffL;
            default -> Long.MAX_VALUE;
        };
    }

    /** rint(v) (ties to even) saturated to [lo, hi]; NaN gives 0 clamped into the range. */
    static long roundSaturate(double v, long lo, long hi) {
        if (Double.isNaN(v)) return Math.max(lo, Math.min(hi, 0));
        double r = Math.rint(v);
        if (r <= lo) return lo;
        if (r >= hi) return hi;
        return (long) r;
    }

    /** The value rounded to the precision of a floating type (float32, float16, bfloat16; float64 unchanged). */
    static double toPrecision(double v, DType t) {
        return switch (t) {
            case FLOAT -> (float) v;
            case FLOAT16 -> Float.float16ToFloat(Float.floatToFloat16((float) v));
            case BFLOAT16 -> Tensor.bfloat16ToFloat(Tensor.floatToBfloat16((float) v));
            default -> v;
        };
    }

    /** All elements as doubles (unsigned read unsigned, half types decoded). */
    static double[] doubles(Tensor t) {
        double[] d = new double[t.size()];
        for (int i = 0; i < d.length; i++) d[i] = t.getDouble(i);
        return d;
    }

    /** All elements of an integer tensor as longs. */
    static long[] longs(Tensor t) {
        long[] d = new long[t.size()];
        for (int i = 0; i < d.length; i++) d[i] = t.getLong(i);
        return d;
    }

    /** A tensor of an integer type from longs (already in range). */
    static Tensor fromLongs(DType t, int[] shape, long[] v) {
        Object s = Tensor.allocate(t, v.length);
        switch (s) {
            case byte[] b -> { for (int i = 0; i < v.length; i++) b[i] = (byte) v[i]; }
            case short[] b -> { for (int i = 0; i < v.length; i++) b[i] = (short) v[i]; }
            case int[] b -> { for (int i = 0; i < v.length; i++) b[i] = (int) v[i]; }
            case long[] b -> System.arraycopy(v, 0, b, 0, v.length);
            default -> throw new IllegalStateException("not an integer type: " + t);
        }
        return Tensor.wrap(t, shape, s);
    }

    /** A floating tensor (float32, float64, float16 or bfloat16) from doubles. */
    static Tensor fromDoubles(DType t, int[] shape, double[] v) {
        return Tensor.fromDoubles(t, shape, v);
    }

    /** Checks a tensor is a scalar or holds exactly one element. */
    static boolean isSingle(Tensor t) {
        return t.size() == 1 && t.rank() <= 1;
    }

    /** The DType of an ONNX data type number from an attribute, or an unsupported-model error. */
    static DType onnxType(long code, String attr) {
        DType t = code > 0 && code <= Integer.MAX_VALUE ? DType.fromOnnx((int) code) : null;
        if (t == null) {
            throw new UnsupportedModelException("attribute '" + attr + "': data type " + DType.onnxName((int) code)
                    + " is not supported");
        }
        return t;
    }

    static IllegalArgumentException shapeError(String what, Tensor t, String expected) {
        return new IllegalArgumentException(what + " has shape " + Shapes.toString(t.shape()) + ", expected " + expected);
    }
}
