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

/** Equal, Less, LessOrEqual, Greater, GreaterOrEqual: bool output, numpy broadcasting; NaN compares false. */
final class CompareOp implements Op {
    enum Kind { EQ, LT, LE, GT, GE }

    private final String name;
    private final Kind kind;
    private final Integer legacyAxis;

    private CompareOp(String name, Kind kind, Integer legacyAxis) {
        this.name = name;
        this.kind = kind;
        this.legacyAxis = legacyAxis;
    }

    static Op create(NodeContext ctx, Kind kind) {
        ctx.expectInputs(2, 2);
        return new CompareOp(ctx.node().opType(), kind, ctx.opset() < 7 ? BinaryOp.legacyAxis(ctx) : null);
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        Fact a = inputs.get(0);
        Fact b = inputs.get(1);
        List<Dim> dims = a.dims() == null || b.dims() == null ? null
                : legacyAxis == null ? Facts.broadcast(a.dims(), b.dims()) : a.dims();
        return List.of(Fact.of(DType.BOOL, dims));
    }

    private boolean test(int c) {
        return switch (kind) {
            case EQ -> c == 0;
            case LT -> c < 0;
            case LE -> c <= 0;
            case GT -> c > 0;
            case GE -> c >= 0;
        };
    }

    private boolean test(double x, double y) {
        return switch (kind) {
            case EQ -> x == y;
            case LT -> x < y;
            case LE -> x <= y;
            case GT -> x > y;
            case GE -> x >= y;
        };
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor a = inputs.get(0);
        Tensor b = inputs.get(1);
        Num.sameType(name, a, b);
        DType t = a.dtype();
        int[] aShape = a.shape();
        int[] bShape = BinaryOp.legacyShape(aShape, b.shape(), legacyAxis);
        int[] out = Shapes.broadcast(aShape, bShape);
        boolean[] r = new boolean[Shapes.size(out)];
        if (Num.isFloatWork(t)) {
            float[] x = Num.floats(a);
            float[] y = Num.floats(b);
            Broadcast.rows2(out, aShape, bShape, (ao, as, bo, bs, o, n) -> {
                for (int i = 0; i < n; i++) r[o + i] = test(x[ao + i * as], y[bo + i * bs]);
            });
        } else if (t == DType.DOUBLE) {
            double[] x = Num.doubles(a);
            double[] y = Num.doubles(b);
            Broadcast.rows2(out, aShape, bShape, (ao, as, bo, bs, o, n) -> {
                for (int i = 0; i < n; i++) r[o + i] = test(x[ao + i * as], y[bo + i * bs]);
            });
        } else if (t == DType.STRING) {
            if (kind != Kind.EQ) throw Num.unsupported(name, t);
            String[] x = (String[]) a.storage();
            String[] y = (String[]) b.storage();
            Broadcast.rows2(out, aShape, bShape, (ao, as, bo, bs, o, n) -> {
                for (int i = 0; i < n; i++) r[o + i] = x[ao + i * as].equals(y[bo + i * bs]);
            });
        } else {
            long[] x = Num.longs(a);
            long[] y = Num.longs(b);
            boolean unsigned = t == DType.UINT64;
            Broadcast.rows2(out, aShape, bShape, (ao, as, bo, bs, o, n) -> {
                for (int i = 0; i < n; i++) {
                    long p = x[ao + i * as];
                    long q = y[bo + i * bs];
                    r[o + i] = test(unsigned ? Long.compareUnsigned(p, q) : Long.compare(p, q));
                }
            });
        }
        return List.of(Tensor.wrap(DType.BOOL, out, r));
    }
}
