package dev.onyx.ops.elementwise;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.kernel.BinaryF32;
import dev.onyx.kernel.Broadcast;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.Buffers;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.function.LongBinaryOperator;

/**
 * A binary elementwise op with numpy broadcasting (Add, Sub, Mul, Div, Mod, BitShift, Bitwise*,
 * PRelu), including the opset &lt; 7 {@code broadcast}/{@code axis} attributes.
 */
final class BinaryOp implements Op {
    private final BinaryFn fn;
    /** For opset &lt; 7 with broadcast=1 and an axis: where B's dims start in A; -1 for numpy alignment. */
    private final Integer legacyAxis;
    /** PRelu: the output must have the first input's shape. */
    private final boolean unidirectional;
    /** PRelu before opset 7: a 1-D slope of X's channel count applies per channel (axis 1). */
    private final boolean channelSlope;

    BinaryOp(BinaryFn fn, Integer legacyAxis, boolean unidirectional) { this(fn, legacyAxis, unidirectional, false); }

    private BinaryOp(BinaryFn fn, Integer legacyAxis, boolean unidirectional, boolean channelSlope) {
        this.fn = fn;
        this.legacyAxis = legacyAxis;
        this.unidirectional = unidirectional;
        this.channelSlope = channelSlope;
    }

    /** Creates the op, reading the legacy broadcast attributes when the opset had them. */
    static Op create(NodeContext ctx, BinaryFn fn, boolean legacy) {
        ctx.expectInputs(2, 2);
        return new BinaryOp(fn, legacy ? legacyAxis(ctx) : null, false);
    }

    /** The B axis of the opset &lt; 7 broadcast attributes, or null for plain numpy alignment. */
    static Integer legacyAxis(NodeContext ctx) {
        long broadcast = ctx.attrs().getInt("broadcast", 0);
        if (broadcast != 0 && broadcast != 1) throw ctx.invalid("attribute 'broadcast': expected 0 or 1, got " + broadcast);
        if (broadcast == 1 && ctx.attrs().has("axis")) return (int) ctx.attrs().getInt("axis", 0);
        return null;
    }

    /** B's shape laid out in A's rank by the legacy axis rule. */
    static int[] legacyShape(int[] a, int[] b, Integer axis) {
        if (axis == null) return b;
        int start = axis < 0 ? axis + a.length : axis;
        if (start < 0 || start + b.length > a.length) {
            throw new IllegalArgumentException("broadcast axis " + axis + " does not place shape " + Shapes.toString(b)
                    + " inside " + Shapes.toString(a));
        }
        int[] s = new int[a.length];
        java.util.Arrays.fill(s, 1);
        System.arraycopy(b, 0, s, start, b.length);
        return s;
    }

    private List<Dim> legacyDims(List<Dim> a, List<Dim> b) {
        if (legacyAxis == null || a == null || b == null) return b;
        int start = legacyAxis < 0 ? legacyAxis + a.size() : legacyAxis;
        if (start < 0 || start + b.size() > a.size()) return b;
        List<Dim> s = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) s.add(i >= start && i < start + b.size() ? b.get(i - start) : Dim.of(1));
        return s;
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        Fact a = inputs.get(0);
        Fact b = inputs.get(1);
        if (unidirectional) return Facts.like(a, a.dtype());
        List<Dim> dims = a.dims() == null || b.dims() == null ? null : Facts.broadcast(a.dims(), legacyDims(a.dims(), b.dims()));
        return List.of(Fact.of(a.dtype() != null ? a.dtype() : b.dtype(), dims));
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor a = inputs.get(0);
        Tensor b = inputs.get(1);
        int[] bShape = legacyShape(a.shape(), b.shape(), legacyAxis);
        if (channelSlope && b.rank() == 1 && a.rank() >= 2 && b.dim(0) == a.dim(1)) bShape = legacyShape(a.shape(), b.shape(), 1);
        int[] out = Shapes.broadcast(a.shape(), bShape);
        if (unidirectional && !java.util.Arrays.equals(out, a.shape())) {
            throw new IllegalArgumentException(fn.name() + ": slope of shape " + Shapes.toString(b.shape())
                    + " does not broadcast to input shape " + Shapes.toString(a.shape()));
        }
        return List.of(compute(fn, a, a.shape(), b, bShape, out));
    }

    /** fn(a, b) broadcast to {@code out}, both of the same type. */
    static Tensor compute(BinaryFn fn, Tensor a, int[] aShape, Tensor b, int[] bShape, int[] out) {
        Num.sameType(fn.name(), a, b);
        DType t = a.dtype();
        if (Num.isFloatWork(t) && fn.real() != null) {
            float[] x = Num.floats(a);
            float[] y = Num.floats(b);
            float[] r = t == DType.FLOAT ? Buffers.floats(Shapes.size(out)) : new float[Shapes.size(out)];
            if (fn.fast() != null) {
                BinaryF32.Op op = fn.fast();
                Broadcast.rows2(out, aShape, bShape, (ao, as, bo, bs, o, n) -> BinaryF32.row(op, x, ao, as, y, bo, bs, r, o, n));
            } else {
                DoubleBinaryOperator f = fn.real();
                Broadcast.rows2(out, aShape, bShape, (ao, as, bo, bs, o, n) -> {
                    for (int i = 0; i < n; i++) r[o + i] = (float) f.applyAsDouble(x[ao + i * as], y[bo + i * bs]);
                });
            }
            return Num.fromFloats(t, out, r);
        }
        if (t == DType.DOUBLE && fn.real() != null) {
            double[] x = Num.doubles(a);
            double[] y = Num.doubles(b);
            double[] r = Buffers.doubles(Shapes.size(out));
            DoubleBinaryOperator f = fn.real();
            Broadcast.rows2(out, aShape, bShape, (ao, as, bo, bs, o, n) -> {
                for (int i = 0; i < n; i++) r[o + i] = f.applyAsDouble(x[ao + i * as], y[bo + i * bs]);
            });
            return Tensor.wrap(DType.DOUBLE, out, r);
        }
        LongBinaryOperator f = t.isInteger() ? fn.integerFor(t) : null;
        if (f == null) throw Num.unsupported(fn.name(), t);
        long[] x = Num.longs(a);
        long[] y = Num.longs(b);
        long[] r = new long[Shapes.size(out)];
        Broadcast.rows2(out, aShape, bShape, (ao, as, bo, bs, o, n) -> {
            for (int i = 0; i < n; i++) r[o + i] = f.applyAsLong(x[ao + i * as], y[bo + i * bs]);
        });
        return Num.fromLongs(t, out, r);
    }

    /**
     * PRelu: slope broadcast to X's shape. Before opset 7 a slope [C] with X [N, C, ...] is per channel, i.e.
     * [C, 1, ..., 1] (as ONNX Runtime and the pytorch-converted PReLU_*_multiparam cases read it).
     */
    static Op prelu(NodeContext ctx) {
        ctx.expectInputs(2, 2);
        return new BinaryOp(BinaryFn.PRELU, null, true, ctx.opset() < 7);
    }
}
