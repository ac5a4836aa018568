package dev.onyx.ops.shape;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/** ONNX Concat: joins inputs along an axis (default 1 in opset 1, required from 4, negative from 11). */
public final class Concat implements Op {
    private final long axis;

    private Concat(long axis) { this.axis = axis; }

    static Op create(NodeContext ctx) {
        if (ctx.inputCount() < 1) throw ctx.invalid("expected at least 1 input, got 0");
        for (int i = 0; i < ctx.inputCount(); i++) {
            if (!ctx.hasInput(i)) throw ctx.invalid("input " + i + " is empty");
        }
        long axis;
        if (ctx.opset() < 4) axis = ctx.attrs().getInt("axis", 1);
        else if (!ctx.attrs().has("axis")) throw ctx.invalid("missing required attribute 'axis'");
        else axis = ctx.attrs().requireInt("axis");
        // a negative axis is accepted at every opset, as ONNX Runtime does (the spec allows it from 11)
        return new Concat(axis);
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        DType dt = null;
        int rank = -1;
        for (Fact f : inputs) {
            if (dt == null) dt = f.dtype();
            if (f.hasRank()) rank = f.rank();
        }
        if (rank < 0) return List.of(Fact.unknownShape(dt));
        int a = ShapeUtil.axis(axis, rank, "Concat");
        List<Dim> out = new ArrayList<>(ShapeUtil.unknownDims(rank));
        long sum = 0;
        for (Fact f : inputs) {
            if (!f.hasRank()) {
                sum = -1;
                continue;
            }
            if (f.rank() != rank) {
                throw new IllegalArgumentException("inputs have ranks " + rank + " and " + f.rank());
            }
            for (int i = 0; i < rank; i++) {
                if (i == a) continue;
                Dim d = f.dims().get(i);
                Dim o = out.get(i);
                if (!o.isKnown() && (d.isKnown() || o.symbol() == null)) out.set(i, d);
                else if (o.isKnown() && d.isKnown() && o.value() != d.value()) {
                    throw new IllegalArgumentException("inputs differ on axis " + i + ": " + o.value() + " vs " + d.value());
                }
            }
            Dim d = f.dims().get(a);
            if (sum >= 0 && d.isKnown()) sum += d.value();
            else sum = -1;
        }
        out.set(a, ShapeUtil.dimOrUnknown(sum));
        return List.of(Fact.of(dt, out));
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor first = inputs.get(0);
        int rank = first.rank();
        int a = ShapeUtil.axis(axis, rank, "Concat");
        int[] out = first.shape();
        long total = 0;
        for (Tensor t : inputs) {
            if (t.dtype() != first.dtype()) {
                throw new IllegalArgumentException("inputs have types " + first.dtype() + " and " + t.dtype());
            }
            if (t.rank() != rank) {
                throw new IllegalArgumentException("inputs have shapes " + Shapes.toString(first.shape()) + " and " + Shapes.toString(t.shape()));
            }
            for (int i = 0; i < rank; i++) {
                if (i != a && t.dim(i) != out[i]) {
                    throw new IllegalArgumentException("inputs have shapes " + Shapes.toString(first.shape()) + " and "
                            + Shapes.toString(t.shape()) + ", which differ outside axis " + a);
                }
            }
            total += t.dim(a);
        }
        out[a] = ShapeUtil.toInt(total, "Concat output axis");
        int outer = Shapes.product(out, 0, a);
        int inner = Shapes.product(out, a + 1, rank);
        Object dst = dev.onyx.tensor.Buffers.allocate(first.dtype(), Shapes.size(out));
        int rowOut = out[a] * inner;
        int offset = 0;
        for (Tensor t : inputs) {
            int row = t.dim(a) * inner;
            Object src = t.storage();
            for (int o = 0; o < outer; o++) System.arraycopy(src, o * row, dst, o * rowOut + offset, row);
            offset += row;
        }
        return List.of(Tensor.wrap(first.dtype(), out, dst));
    }
}
