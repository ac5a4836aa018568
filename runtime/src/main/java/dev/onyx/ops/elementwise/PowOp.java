package dev.onyx.ops.elementwise;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.kernel.Broadcast;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.List;

/**
 * Pow: base of type T, exponent of type T1 (any numeric type from opset 12), output of type T.
 * Integer base with integer exponent is exact (wrap-around); other mixes go through double and are
 * truncated toward zero for integer outputs.
 */
final class PowOp implements Op {
    private final Integer legacyAxis;

    private PowOp(Integer legacyAxis) {
        this.legacyAxis = legacyAxis;
    }

    static Op create(NodeContext ctx) {
        ctx.expectInputs(2, 2);
        return new PowOp(ctx.opset() < 7 ? BinaryOp.legacyAxis(ctx) : null);
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        Fact a = inputs.get(0);
        Fact b = inputs.get(1);
        List<Dim> dims = a.dims() == null || b.dims() == null ? null
                : legacyAxis == null ? Facts.broadcast(a.dims(), b.dims()) : a.dims();
        return List.of(Fact.of(a.dtype(), dims));
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor a = inputs.get(0);
        Tensor b = inputs.get(1);
        DType t = a.dtype();
        DType e = b.dtype();
        if (t == DType.STRING || t == DType.BOOL) throw Num.unsupported("Pow", t);
        if (e == DType.STRING || e == DType.BOOL) throw Num.unsupported("Pow exponent", e);
        int[] aShape = a.shape();
        int[] bShape = BinaryOp.legacyShape(aShape, b.shape(), legacyAxis);
        int[] out = Shapes.broadcast(aShape, bShape);
        int n = Shapes.size(out);
        if (Num.isFloatWork(t)) {
            float[] x = Num.floats(a);
            float[] r = t == DType.FLOAT ? dev.onyx.tensor.Buffers.floats(n) : new float[n];
            if (Num.isFloatWork(e)) {
                float[] y = Num.floats(b);
                Broadcast.rows2(out, aShape, bShape, (ao, as, bo, bs, o, len) -> {
                    if (bs == 0 && y[bo] == 2f) {
                        for (int i = 0; i < len; i++) { float v = x[ao + i * as]; r[o + i] = v * v; }
                    } else {
                        for (int i = 0; i < len; i++) r[o + i] = (float) StrictMath.pow(x[ao + i * as], y[bo + i * bs]);
                    }
                });
            } else {
                double[] y = Num.doubles(b);
                Broadcast.rows2(out, aShape, bShape, (ao, as, bo, bs, o, len) -> {
                    for (int i = 0; i < len; i++) r[o + i] = (float) StrictMath.pow(x[ao + i * as], y[bo + i * bs]);
                });
            }
            return List.of(Num.fromFloats(t, out, r));
        }
        if (t == DType.DOUBLE) {
            double[] x = Num.doubles(a);
            double[] y = Num.doubles(b);
            double[] r = dev.onyx.tensor.Buffers.doubles(n);
            Broadcast.rows2(out, aShape, bShape, (ao, as, bo, bs, o, len) -> {
                for (int i = 0; i < len; i++) r[o + i] = StrictMath.pow(x[ao + i * as], y[bo + i * bs]);
            });
            return List.of(Tensor.wrap(DType.DOUBLE, out, r));
        }
        long[] x = Num.longs(a);
        long[] r = new long[n];
        boolean unsignedBase = t == DType.UINT64;
        if (e.isInteger()) {
            long[] y = Num.longs(b);
            boolean unsignedExp = e == DType.UINT64;
            Broadcast.rows2(out, aShape, bShape, (ao, as, bo, bs, o, len) -> {
                for (int i = 0; i < len; i++) r[o + i] = ipow(x[ao + i * as], y[bo + i * bs], unsignedExp);
            });
        } else {
            double[] y = Num.doubles(b);
            Broadcast.rows2(out, aShape, bShape, (ao, as, bo, bs, o, len) -> {
                for (int i = 0; i < len; i++) {
                    long v = x[ao + i * as];
                    double base = unsignedBase ? Tensor.unsignedLongToDouble(v) : v;
                    r[o + i] = toLong(StrictMath.pow(base, y[bo + i * bs]));
                }
            });
        }
        return List.of(Num.fromLongs(t, out, r));
    }

    /** Exact integer power with wrap-around; negative exponents give 1/base truncated. */
    static long ipow(long base, long exp, boolean unsignedExp) {
        if (exp < 0 && !unsignedExp) {
            if (base == 1) return 1;
            if (base == -1) return (exp & 1) == 0 ? 1 : -1;
            if (base == 0) throw new IllegalArgumentException("Pow: 0 raised to a negative integer power");
            return 0;
        }
        long result = 1;
        long b = base;
        long e = exp;
        while (e != 0) {
            if ((e & 1) != 0) result *= b;
            b *= b;
            e >>>= 1;
        }
        return result;
    }

    private static long toLong(double v) {
        if (Double.isNaN(v)) return 0;
        if (v >= 9.223372036854775807E18) return (long) (v - 9.223372036854775807E18) + Long.MIN_VALUE; // uint64 range
        return (long) v;
    }
}
