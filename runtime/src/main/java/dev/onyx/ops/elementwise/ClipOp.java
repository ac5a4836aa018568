package dev.onyx.ops.elementwise;

import dev.onyx.ir.Fact;
import dev.onyx.kernel.UnaryF32;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.Buffers;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;

import java.util.List;

/**
 * Clip: min/max as float attributes before opset 11, as optional scalar inputs from 11 (any numeric
 * type from 12). Computes min(max(x, lo), hi), so lo &gt; hi gives hi everywhere, as numpy does.
 */
final class ClipOp implements Op {
    /** Attribute bounds (opset &lt; 11), else null. */
    private final float[] attrBounds;

    private ClipOp(float[] attrBounds) {
        this.attrBounds = attrBounds;
    }

    static Op create(NodeContext ctx) {
        if (ctx.opset() < 11) {
            ctx.expectInputs(1, 1);
            float lo = ctx.attrs().getFloat("min", Float.NEGATIVE_INFINITY);
            float hi = ctx.attrs().getFloat("max", Float.POSITIVE_INFINITY);
            return new ClipOp(new float[] {lo, hi});
        }
        ctx.expectInputs(1, 3);
        return new ClipOp(null);
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        Fact in = inputs.get(0);
        return Facts.like(in, in.dtype());
    }

    private static Tensor bound(List<Tensor> inputs, int i, DType t) {
        Tensor b = i < inputs.size() ? inputs.get(i) : null;
        if (b == null) return null;
        if (b.size() != 1) {
            throw new IllegalArgumentException("Clip: input " + i + " must be a scalar, got " + b.size() + " elements");
        }
        if (b.dtype() != t) throw new IllegalArgumentException("Clip: bound of type " + b.dtype() + " for input " + t);
        return b;
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        DType t = x.dtype();
        int[] shape = x.shape();
        Tensor min = attrBounds == null ? bound(inputs, 1, t) : null;
        Tensor max = attrBounds == null ? bound(inputs, 2, t) : null;
        if (Num.isFloatWork(t) || t == DType.DOUBLE) {
            double lo = attrBounds != null ? attrBounds[0] : min == null ? Double.NEGATIVE_INFINITY : min.getDouble(0);
            double hi = attrBounds != null ? attrBounds[1] : max == null ? Double.POSITIVE_INFINITY : max.getDouble(0);
            if (t == DType.DOUBLE) {
                double[] in = (double[]) x.storage();
                double[] out = Buffers.doubles(in.length);
                for (int i = 0; i < in.length; i++) {
                    double v = in[i] < lo ? lo : in[i];
                    out[i] = v > hi ? hi : v;
                }
                return List.of(Tensor.wrap(DType.DOUBLE, shape, out));
            }
            float[] in = Num.floats(x);
            float[] out = t == DType.FLOAT ? Buffers.floats(in.length) : new float[in.length];
            UnaryF32.clip(in, (float) lo, (float) hi, out);
            return List.of(Num.fromFloats(t, shape, out));
        }
        if (!t.isInteger() || attrBounds != null) throw Num.unsupported("Clip", t);
        long lo = min == null ? Num.minValue(t) : Num.longs(min)[0];
        long hi = max == null ? Num.maxValue(t) : Num.longs(max)[0];
        long[] in = Num.longs(x);
        long[] out = new long[in.length];
        boolean u = t == DType.UINT64;
        for (int i = 0; i < in.length; i++) {
            long v = in[i];
            if (u ? Long.compareUnsigned(v, lo) < 0 : v < lo) v = lo;
            if (u ? Long.compareUnsigned(v, hi) > 0 : v > hi) v = hi;
            out[i] = v;
        }
        return List.of(Num.fromLongs(t, shape, out));
    }
}
