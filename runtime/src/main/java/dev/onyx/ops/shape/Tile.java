package dev.onyx.ops.shape;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.kernel.Copy;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/** ONNX Tile: repeats the input along each axis (opset 1: a count and one axis as scalar inputs). */
public final class Tile implements Op {
    private final boolean v1;

    private Tile(boolean v1) { this.v1 = v1; }

    static Op create(NodeContext ctx) {
        if (ctx.opset() < 6) {
            ctx.expectInputs(3, 3);
            return new Tile(true);
        }
        ctx.expectInputs(2, 2);
        return new Tile(false);
    }

    private long[] repeats(int rank, long[] repeatsIn, Long axis) {
        long[] r;
        if (v1) {
            r = new long[rank];
            java.util.Arrays.fill(r, 1);
            r[ShapeUtil.axis(axis, rank, "Tile")] = repeatsIn[0];
        } else {
            r = repeatsIn;
            if (r.length != rank) {
                throw new IllegalArgumentException("repeats has " + r.length + " values for an input of rank " + rank);
            }
        }
        for (long v : r) if (v < 0) throw new IllegalArgumentException("negative repeat count " + v);
        return r;
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        Fact x = inputs.get(0);
        long[] rep = ShapeUtil.constLongs(inputs.get(1));
        Long axis = null;
        if (v1) {
            long[] a = ShapeUtil.constLongs(inputs.get(2));
            if (a != null && a.length == 1) axis = a[0];
        }
        if (!x.hasRank()) return List.of(Fact.unknownShape(x.dtype()));
        if (rep == null || v1 && (axis == null || rep.length != 1)) {
            return List.of(Fact.of(x.dtype(), ShapeUtil.unknownDims(x.rank())));
        }
        long[] r = repeats(x.rank(), rep, axis);
        List<Dim> out = new ArrayList<>();
        for (int i = 0; i < r.length; i++) {
            Dim d = x.dims().get(i);
            out.add(r[i] == 1 ? d : r[i] == 0 ? Dim.of(0) : d.isKnown() ? Dim.of(d.value() * r[i]) : Dim.UNKNOWN);
        }
        return List.of(Fact.of(x.dtype(), out));
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        int[] s = x.shape();
        long[] rep = ShapeUtil.longs(inputs.get(1), "input 'repeats'");
        Long axis = null;
        if (v1) {
            if (rep.length != 1) throw new IllegalArgumentException("tiles: expected a single value, got " + rep.length);
            axis = ShapeUtil.scalarLong(inputs.get(2), "input 'axis'");
        }
        long[] r = repeats(s.length, rep, axis);
        long[] outL = new long[s.length];
        for (int i = 0; i < s.length; i++) outL[i] = s[i] * r[i];
        int[] out = ShapeUtil.shape(outL, "Tile");
        int[] strides = Shapes.strides(s);
        int[] viewShape = new int[2 * s.length];
        int[] viewStrides = new int[2 * s.length];
        for (int i = 0; i < s.length; i++) {
            viewShape[2 * i] = (int) r[i];
            viewShape[2 * i + 1] = s[i];
            viewStrides[2 * i + 1] = strides[i];
        }
        if (Shapes.size(out) == 0) return List.of(Tensor.zeros(x.dtype(), out));
        return List.of(Tensor.wrap(x.dtype(), out, Copy.strided(x.storage(), 0, viewShape, viewStrides)));
    }
}
