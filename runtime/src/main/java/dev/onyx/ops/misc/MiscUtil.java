package dev.onyx.ops.misc;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/** Helpers shared by the misc ops: scalar inputs, dtype attributes, double views of tensors. */
final class MiscUtil {
    private MiscUtil() {}

    /** The single value of a scalar or 1-element integer tensor. */
    static long scalarLong(Tensor t, String what) {
        if (t.size() != 1) {
            throw new IllegalArgumentException(what + ": expected a single value, got shape " + Shapes.toString(t.shape()));
        }
        if (!t.dtype().isIntegral()) throw new IllegalArgumentException(what + ": expected an integer, got " + t.dtype());
        return t.getLong(0);
    }

    /** The single value of a scalar or 1-element numeric tensor, as a double. */
    static double scalarDouble(Tensor t, String what) {
        if (t.size() != 1) {
            throw new IllegalArgumentException(what + ": expected a single value, got shape " + Shapes.toString(t.shape()));
        }
        if (t.dtype() == DType.STRING) throw new IllegalArgumentException(what + ": expected a number, got string");
        return t.getDouble(0);
    }

    /** A constant scalar integer from a fact, or null. */
    static Long constLong(Fact f) {
        if (f == null || f.constant() == null || f.constant().size() != 1 || !f.constant().dtype().isIntegral()) return null;
        return f.constant().getLong(0);
    }

    /** A length checked to fit an int and be non-negative. */
    static int length(long v, String what) {
        if (v < 0 || v > Integer.MAX_VALUE - 8) throw new IllegalArgumentException(what + ": " + v + " is out of range");
        return (int) v;
    }

    /** The numeric dtype named by an ONNX data type attribute. */
    static DType dtypeAttr(NodeContext ctx, String name, long code, boolean floatOnly) {
        DType t = DType.fromOnnx((int) code);
        if (t == null || code != (int) code) {
            throw ctx.invalid("attribute '" + name + "': unsupported data type " + DType.onnxName((int) code));
        }
        if (floatOnly ? !t.isFloatingPoint() : (t == DType.STRING)) {
            throw ctx.invalid("attribute '" + name + "': data type " + t + " is not allowed");
        }
        return t;
    }

    /** The elements as doubles (a copy for float32, the storage itself for float64). */
    static double[] doubles(Tensor t) { return dev.onyx.tensor.TensorArrays.doubles(t); }

    /** A tensor of dtype from doubles (wrapping the array for float64). */
    static Tensor fromDoubles(DType dtype, int[] shape, double[] v) { return dev.onyx.tensor.TensorArrays.fromDoubles(dtype, shape, v); }

    static void requireFloat(Tensor t, String what) {
        if (!t.dtype().isFloatingPoint()) throw new IllegalArgumentException(what + ": expected a floating-point tensor, got " + t.dtype());
    }

    static List<Dim> dims(int... d) {
        List<Dim> l = new ArrayList<>();
        for (int x : d) l.add(Dim.of(x));
        return l;
    }

    static Dim dim(Long v) { return v == null ? Dim.UNKNOWN : Dim.of(v); }
}
