package dev.onyx.ops.seq;

import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.List;

/** ONNX CumProd: running products along an axis, optionally exclusive (starting at 1) and/or reversed. */
final class CumProd implements Op {
    private final boolean exclusive;
    private final boolean reverse;

    private CumProd(boolean exclusive, boolean reverse) {
        this.exclusive = exclusive;
        this.reverse = reverse;
    }

    static Op create(NodeContext ctx) {
        ctx.expectInputs(2, 2);
        long ex = ctx.attrs().getInt("exclusive", 0), rev = ctx.attrs().getInt("reverse", 0);
        if (ex != 0 && ex != 1) throw ctx.invalid("attribute 'exclusive': expected 0 or 1, got " + ex);
        if (rev != 0 && rev != 1) throw ctx.invalid("attribute 'reverse': expected 0 or 1, got " + rev);
        return new CumProd(ex == 1, rev == 1);
    }

    @Override
    public List<Fact> infer(List<Fact> in) {
        Fact x = in.get(0);
        return List.of(x == null ? Fact.UNKNOWN : new Fact(x.dtype(), x.dims(), null));
    }

    @Override
    public List<Tensor> run(List<Tensor> in) {
        Tensor x = in.get(0), axisT = in.get(1);
        DType dt = x.dtype();
        if (dt == DType.STRING || dt == DType.BOOL) throw new IllegalArgumentException("CumProd does not take " + dt);
        if (axisT.size() != 1 || !axisT.dtype().isInteger()) {
            throw new IllegalArgumentException("input 'axis': expected one int32/int64 value, got " + axisT);
        }
        int[] s = x.shape();
        int rank = s.length;
        long av = axisT.getLong(0);
        int r = Math.max(rank, 1);
        if (av < -r || av >= r) throw new IllegalArgumentException("input 'axis': " + av + " is out of range for rank " + rank);
        int a = rank == 0 ? 0 : (int) (av < 0 ? av + rank : av);
        int len = rank == 0 ? 1 : s[a];
        int outer = rank == 0 ? 1 : Shapes.product(s, 0, a), inner = rank == 0 ? 1 : Shapes.product(s, a + 1, rank);
        Tensor.Writer w = new Tensor.Writer(dt, s);
        boolean integral = dt.isInteger();
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                long accL = 1;
                double accD = 1;
                for (int j = 0; j < len; j++) {
                    int p = (o * len + (reverse ? len - 1 - j : j)) * inner + i;
                    if (integral) {
                        if (exclusive) w.setLong(p, accL);
                        accL *= x.getLong(p);
                        if (!exclusive) w.setLong(p, accL);
                    } else {
                        if (exclusive) w.setDouble(p, accD);
                        accD = round(dt, accD * x.getDouble(p));
                        if (!exclusive) w.setDouble(p, accD);
                    }
                }
            }
        }
        return List.of(w.done());
    }

    private static double round(DType dt, double v) {
        return switch (dt) {
            case FLOAT16 -> Float.float16ToFloat(Float.floatToFloat16((float) v));
            case BFLOAT16 -> Tensor.bfloat16ToFloat(Tensor.floatToBfloat16((float) v));
            case FLOAT -> (float) v;
            default -> v;
        };
    }
}
