package dev.onyx.ops.norm;

import dev.onyx.ir.Fact;
import dev.onyx.kernel.SoftmaxKernel;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.List;

/**
 * ONNX Softmax, LogSoftmax and Hardmax. Before opset 13 the input is coerced to 2-D at {@code axis}
 * (default 1) and each row of the flattened trailing dims is normalized; from 13 on only the single
 * {@code axis} (default -1) is.
 */
public final class SoftmaxOp implements Op {
    /** Which of the three operators. */
    public enum Mode { SOFTMAX, LOG_SOFTMAX, HARDMAX }

    private final Mode mode;
    private final long axis;
    private final boolean coerce2d;

    private SoftmaxOp(Mode mode, long axis, boolean coerce2d) {
        this.mode = mode;
        this.axis = axis;
        this.coerce2d = coerce2d;
    }

    public static Op create(NodeContext ctx, Mode mode) {
        ctx.expectInputs(1, 1);
        boolean coerce = ctx.opset() < 13;
        long axis = ctx.attrs().getInt("axis", coerce ? 1 : -1);
        return new SoftmaxOp(mode, axis, coerce);
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        Fact x = inputs.get(0);
        Values.requireFloating(x, "input");
        if (x != null && x.hasRank()) range(x.rank());
        return List.of(Values.same(x));
    }

    /** [outer, n, inner] for an input of this shape. */
    private int[] range(int[] shape) {
        int rank = shape.length;
        int a = range(rank);
        if (coerce2d) return new int[] {Shapes.product(shape, 0, a), Shapes.product(shape, a, rank), 1};
        return new int[] {Shapes.product(shape, 0, a), shape[a], Shapes.product(shape, a + 1, rank)};
    }

    private int range(int rank) {
        if (coerce2d) {
            long a = axis < 0 ? axis + rank : axis;
            if (a < 0 || a > rank) {
                throw new IllegalArgumentException("axis " + axis + " is out of range for rank " + rank
                        + " (expected " + (-rank) + " to " + rank + ")");
            }
            return (int) a;
        }
        return Values.axis(axis, rank, "axis");
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        Values.requireFloating(x, "input");
        int[] shape = x.shape();
        int[] r = range(shape);
        if (mode != Mode.HARDMAX && x.dtype() == DType.FLOAT) {
            float[] y = dev.onyx.tensor.Buffers.floats(x.size());
            SoftmaxKernel.softmax((float[]) x.storage(), y, r[0], r[1], r[2], mode == Mode.LOG_SOFTMAX);
            return List.of(Tensor.wrap(DType.FLOAT, shape, y));
        }
        double[] in = Values.read(x);
        double[] y = new double[in.length];
        if (mode == Mode.HARDMAX) SoftmaxKernel.hardmax(in, y, r[0], r[1], r[2]);
        else SoftmaxKernel.softmax(in, y, r[0], r[1], r[2], mode == Mode.LOG_SOFTMAX);
        return List.of(Values.write(x.dtype(), shape, y));
    }
}
