package dev.onyx.ops.elementwise;

import dev.onyx.ir.Fact;
import dev.onyx.kernel.Broadcast;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.List;

/** Where(condition, X, Y): X where the condition holds, else Y, with three-way numpy broadcasting; any element type. */
final class WhereOp implements Op {
    static Op create(NodeContext ctx) {
        ctx.expectInputs(3, 3);
        return new WhereOp();
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        Fact x = inputs.get(1);
        Fact y = inputs.get(2);
        return Facts.broadcastFact(x.dtype() != null ? x.dtype() : y.dtype(), inputs);
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor c = inputs.get(0);
        Tensor x = inputs.get(1);
        Tensor y = inputs.get(2);
        if (c.dtype() != DType.BOOL) throw new IllegalArgumentException("Where: condition must be bool, got " + c.dtype());
        Num.sameType("Where", x, y);
        int[] out = Shapes.broadcast(Shapes.broadcast(c.shape(), x.shape()), y.shape());
        boolean[] cond = (boolean[]) c.storage();
        Object xs = x.storage();
        Object ys = y.storage();
        Object r = dev.onyx.tensor.Buffers.allocate(x.dtype(), Shapes.size(out));
        Broadcast.rows(out, new int[][] {c.shape(), x.shape(), y.shape()}, (off, step, o, n) -> {
            int co = off[0], cs = step[0], xo = off[1], xst = step[1], yo = off[2], yst = step[2];
            switch (r) {
                case float[] d -> { float[] a = (float[]) xs, b = (float[]) ys;
                    for (int i = 0; i < n; i++) d[o + i] = cond[co + i * cs] ? a[xo + i * xst] : b[yo + i * yst]; }
                case double[] d -> { double[] a = (double[]) xs, b = (double[]) ys;
                    for (int i = 0; i < n; i++) d[o + i] = cond[co + i * cs] ? a[xo + i * xst] : b[yo + i * yst]; }
                case long[] d -> { long[] a = (long[]) xs, b = (long[]) ys;
                    for (int i = 0; i < n; i++) d[o + i] = cond[co + i * cs] ? a[xo + i * xst] : b[yo + i * yst]; }
                case int[] d -> { int[] a = (int[]) xs, b = (int[]) ys;
                    for (int i = 0; i < n; i++) d[o + i] = cond[co + i * cs] ? a[xo + i * xst] : b[yo + i * yst]; }
                case short[] d -> { short[] a = (short[]) xs, b = (short[]) ys;
                    for (int i = 0; i < n; i++) d[o + i] = cond[co + i * cs] ? a[xo + i * xst] : b[yo + i * yst]; }
                case byte[] d -> { byte[] a = (byte[]) xs, b = (byte[]) ys;
                    for (int i = 0; i < n; i++) d[o + i] = cond[co + i * cs] ? a[xo + i * xst] : b[yo + i * yst]; }
                case boolean[] d -> { boolean[] a = (boolean[]) xs, b = (boolean[]) ys;
                    for (int i = 0; i < n; i++) d[o + i] = cond[co + i * cs] ? a[xo + i * xst] : b[yo + i * yst]; }
                case String[] d -> { String[] a = (String[]) xs, b = (String[]) ys;
                    for (int i = 0; i < n; i++) d[o + i] = cond[co + i * cs] ? a[xo + i * xst] : b[yo + i * yst]; }
                default -> throw new IllegalStateException("storage " + r.getClass());
            }
        });
        return List.of(Tensor.wrap(x.dtype(), out, r));
    }
}
