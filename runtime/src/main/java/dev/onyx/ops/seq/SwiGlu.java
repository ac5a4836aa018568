package dev.onyx.ops.seq;

import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.List;

/** ONNX SwiGLU (opset 28): Swish(a, alpha) * b, broadcasting like Mul. */
final class SwiGlu implements Op {
    private final double alpha;

    private SwiGlu(double alpha) {
        this.alpha = alpha;
    }

    static Op create(NodeContext ctx) {
        ctx.expectInputs(2, 2);
        return new SwiGlu(ctx.attrs().getFloat("alpha", 1f));
    }

    @Override
    public List<Fact> infer(List<Fact> in) {
        Fact a = in.get(0), b = in.get(1);
        SeqData.requireFloating(a, "input A");
        DType dt = a == null ? null : a.dtype();
        if (a != null && b != null && a.isStatic() && b.isStatic()) {
            return List.of(Fact.of(dt, Shapes.broadcast(a.staticShape(), b.staticShape())));
        }
        if (a != null && b != null && a.hasRank() && a.dims().equals(b.dims())) return List.of(Fact.of(dt, a.dims()));
        return List.of(Fact.unknownShape(dt));
    }

    @Override
    public List<Tensor> run(List<Tensor> in) {
        Tensor at = in.get(0), bt = in.get(1);
        SeqData.requireFloating(at, "input A");
        if (bt.dtype() != at.dtype()) throw new IllegalArgumentException("input B: expected " + at.dtype() + ", got " + bt.dtype());
        int[] shape = Shapes.broadcast(at.shape(), bt.shape());
        int[] sa = Shapes.broadcastStrides(at.shape(), shape), sb = Shapes.broadcastStrides(bt.shape(), shape);
        double[] a = SeqData.doubles(at), b = SeqData.doubles(bt);
        DType dt = at.dtype();
        int n = Shapes.size(shape);
        double[] r = new double[n];
        int[] idx = new int[shape.length];
        for (int i = 0; i < n; i++) {
            int pa = 0, pb = 0;
            for (int d = 0; d < shape.length; d++) {
                pa += idx[d] * sa[d];
                pb += idx[d] * sb[d];
            }
            double x = a[pa];
            r[i] = round(dt, round(dt, x / (1 + StrictMath.exp(-alpha * x))) * b[pb]);
            for (int d = shape.length - 1; d >= 0 && ++idx[d] == shape[d]; d--) idx[d] = 0;
        }
        return List.of(SeqData.fromDoubles(dt, shape, r));
    }

    /** v rounded to the element type, as the Swish and Mul of the function body would store it. */
    private static double round(DType dt, double v) {
        return switch (dt) {
            case FLOAT16 -> Float.float16ToFloat(Float.floatToFloat16((float) v));
            case BFLOAT16 -> Tensor.bfloat16ToFloat(Tensor.floatToBfloat16((float) v));
            case FLOAT -> (float) v;
            default -> v;
        };
    }
}
