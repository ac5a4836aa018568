package dev.onyx.ops.shape;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.List;

/** ONNX Flatten: to 2-D [prod(dims before axis), prod(dims from axis)]; negative axis from opset 11. */
public final class Flatten implements Op {
    private final long axis;

    private Flatten(long axis) { this.axis = axis; }

    static Op create(NodeContext ctx) {
        ctx.expectInputs(1, 1);
        long axis = ctx.attrs().getInt("axis", 1);
        // a negative axis is accepted at every opset, as ONNX Runtime does (the spec allows it from 11)
        return new Flatten(axis);
    }

    private int axisFor(int rank) {
        long a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a > rank) throw new IllegalArgumentException("axis " + axis + " is out of range for rank " + rank);
        return (int) a;
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        Fact x = inputs.get(0);
        if (!x.hasRank()) return List.of(Fact.of(x.dtype(), ShapeUtil.unknownDims(2)));
        int a = axisFor(x.rank());
        Dim outer = a == 1 ? x.dims().get(0) : ShapeUtil.dimOrUnknown(ShapeUtil.product(x.dims(), 0, a));
        Dim inner = a == x.rank() - 1 ? x.dims().get(a) : ShapeUtil.dimOrUnknown(ShapeUtil.product(x.dims(), a, x.rank()));
        return List.of(Fact.of(x.dtype(), List.of(outer, inner)));
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        int[] s = x.shape();
        int a = axisFor(s.length);
        return List.of(x.reshape(Shapes.product(s, 0, a), Shapes.product(s, a, s.length)));
    }
}
