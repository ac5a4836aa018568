package dev.onyx.ops.shape;

import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.List;

/** ONNX CumSum: running sums along an axis, optionally exclusive and/or reversed, accumulated in the input type. */
public final class CumSum implements Op {
    private final boolean exclusive;
    private final boolean reverse;

    private CumSum(boolean exclusive, boolean reverse) {
        this.exclusive = exclusive;
        this.reverse = reverse;
    }

    static Op create(NodeContext ctx) {
        ctx.expectInputs(2, 2);
        return new CumSum(ctx.attrs().getInt("exclusive", 0) != 0, ctx.attrs().getInt("reverse", 0) != 0);
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        return List.of(ShapeUtil.like(inputs.get(0)));
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        DType dt = x.dtype();
        if (dt == DType.STRING || dt == DType.BOOL) throw new IllegalArgumentException("CumSum does not take " + dt);
        int[] s = x.shape();
        int a = x.rank() == 0 ? 0 : ShapeUtil.axis(ShapeUtil.scalarLong(inputs.get(1), "input 'axis'"), s.length, "CumSum");
        int len = s.length == 0 ? 1 : s[a];
        int outer = s.length == 0 ? 1 : Shapes.product(s, 0, a);
        int inner = s.length == 0 ? 1 : Shapes.product(s, a + 1, s.length);
        Tensor.Writer w = new Tensor.Writer(dt, s);
        boolean integral = dt.isInteger();
        if (dt == DType.FLOAT) {
            float[] src = (float[]) x.storage(), dst = (float[]) w.storage();
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < inner; i++) {
                    float acc = 0;
                    for (int j = 0; j < len; j++) {
                        int p = (o * len + (reverse ? len - 1 - j : j)) * inner + i;
                        if (exclusive) {
                            dst[p] = acc;
                            acc += src[p];
                        } else {
                            acc += src[p];
                            dst[p] = acc;
                        }
                    }
                }
            }
            return List.of(w.done());
        }
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                long accL = 0;
                double accD = 0;
                for (int j = 0; j < len; j++) {
                    int p = (o * len + (reverse ? len - 1 - j : j)) * inner + i;
                    if (integral) {
                        if (exclusive) {
                            w.setLong(p, accL);
                            accL += x.getLong(p);
                        } else {
                            accL += x.getLong(p);
                            w.setLong(p, accL);
                        }
                    } else if (exclusive) {
                        w.setDouble(p, accD);
                        accD = round(dt, accD + x.getDouble(p));
                    } else {
                        accD = round(dt, accD + x.getDouble(p));
                        w.setDouble(p, accD);
                    }
                }
            }
        }
        return List.of(w.done());
    }

    /** v rounded to the element type (float16 and bfloat16 through float32, as numpy adds them). */
    private static double round(DType dt, double v) {
        return switch (dt) {
            case FLOAT16 -> Float.float16ToFloat(Float.floatToFloat16((float) v));
            case BFLOAT16 -> Tensor.bfloat16ToFloat(Tensor.floatToBfloat16((float) v));
            case FLOAT -> (float) v;
            default -> v;
        };
    }
}
