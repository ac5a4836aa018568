package dev.onyx.ops.shape;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/** ONNX Reshape: shape attribute before opset 5, shape input after; 0 copies a dim, -1 infers; allowzero from 14. */
public final class Reshape implements Op {
    private final long[] attrShape;
    private final boolean allowZero;

    private Reshape(long[] attrShape, boolean allowZero) {
        this.attrShape = attrShape;
        this.allowZero = allowZero;
    }

    static Op create(NodeContext ctx) {
        if (ctx.opset() < 5) {
            ctx.expectInputs(1, 1);
            long[] s = ctx.attrs().getInts("shape");
            if (s == null) throw ctx.invalid("missing required attribute 'shape'");
            check(s, ctx);
            return new Reshape(s, false);
        }
        ctx.expectInputs(2, 2);
        boolean allowZero = ctx.opset() >= 14 && ctx.attrs().getInt("allowzero", 0) != 0;
        return new Reshape(null, allowZero);
    }

    private static void check(long[] s, NodeContext ctx) {
        int minus = 0;
        for (long v : s) {
            if (v < -1) throw ctx.invalid("attribute 'shape': invalid dimension " + v);
            if (v == -1) minus++;
        }
        if (minus > 1) throw ctx.invalid("attribute 'shape': more than one -1");
    }

    /** The output shape for an input shape and a requested shape (which may hold 0 and -1). */
    static int[] resolve(int[] in, long[] req, boolean allowZero) {
        long[] out = new long[req.length];
        int infer = -1;
        long known = 1;
        boolean hasZero = false;
        for (int i = 0; i < req.length; i++) {
            long v = req[i];
            if (v == -1) {
                if (infer >= 0) throw new IllegalArgumentException("shape " + java.util.Arrays.toString(req) + " has more than one -1");
                infer = i;
                continue;
            }
            if (v < -1) throw new IllegalArgumentException("shape " + java.util.Arrays.toString(req) + " has invalid dimension " + v);
            if (v == 0 && !allowZero) {
                if (i >= in.length) {
                    throw new IllegalArgumentException("shape " + java.util.Arrays.toString(req) + ": 0 at index " + i
                            + " copies a dimension the input " + Shapes.toString(in) + " does not have");
                }
                v = in[i];
            }
            if (v == 0) hasZero = true;
            out[i] = v;
            if (v != 0) {
                if (known > Integer.MAX_VALUE / v) {
                    throw new IllegalArgumentException("shape " + java.util.Arrays.toString(req) + " has more than 2^31 elements");
                }
                known *= v;
            }
        }
        long size = Shapes.size(in);
        if (infer >= 0) {
            if (hasZero) {
                if (size != 0) {
                    throw new IllegalArgumentException("cannot reshape " + Shapes.toString(in) + " to " + java.util.Arrays.toString(req));
                }
                out[infer] = 0;
                if (allowZero) throw new IllegalArgumentException("shape " + java.util.Arrays.toString(req) + " has both 0 and -1 with allowzero=1");
            } else {
                if (size % known != 0) {
                    throw new IllegalArgumentException("cannot reshape " + Shapes.toString(in) + " (" + size
                            + " elements) to " + java.util.Arrays.toString(req));
                }
                out[infer] = size / known;
            }
        }
        int[] s = ShapeUtil.shape(out, "Reshape");
        if (Shapes.size(s) != size) {
            throw new IllegalArgumentException("cannot reshape " + Shapes.toString(in) + " (" + size + " elements) to "
                    + java.util.Arrays.toString(req) + " (" + Shapes.size(s) + " elements)");
        }
        return s;
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        Fact x = inputs.get(0);
        long[] req = attrShape != null ? attrShape : ShapeUtil.constLongs(inputs.get(1));
        if (req == null) {
            Fact s = inputs.get(1);
            if (s != null && s.isStatic() && s.rank() == 1) {
                return List.of(Fact.of(x.dtype(), ShapeUtil.unknownDims(s.staticShape()[0])));
            }
            return List.of(Fact.unknownShape(x.dtype()));
        }
        if (x.isStatic()) {
            Tensor c = x.constant();
            int[] s = resolve(x.staticShape(), req, allowZero);
            return List.of(c != null ? Fact.constant(c.reshape(s)) : Fact.of(x.dtype(), s));
        }
        // symbolic: copy dims for 0, solve -1 when the remaining input dims are all known
        List<Dim> out = new ArrayList<>();
        int infer = -1;
        boolean[] used = new boolean[x.hasRank() ? x.rank() : 0];
        long known = 1;
        for (int i = 0; i < req.length; i++) {
            long v = req[i];
            if (v == -1) {
                infer = i;
                out.add(Dim.UNKNOWN);
            } else if (v == 0 && !allowZero) {
                if (!x.hasRank()) {
                    out.add(Dim.UNKNOWN);
                } else {
                    if (i >= x.rank()) throw new IllegalArgumentException("shape 0 at index " + i + " beyond input rank " + x.rank());
                    out.add(x.dims().get(i));
                    used[i] = true;
                }
            } else {
                out.add(Dim.of(v));
                known *= v;
            }
        }
        if (infer >= 0 && x.hasRank()) {
            long rest = 1;
            boolean ok = true;
            for (int i = 0; i < x.rank(); i++) {
                if (used[i]) continue;
                Dim d = x.dims().get(i);
                if (!d.isKnown()) {
                    ok = false;
                    break;
                }
                rest *= d.value();
            }
            if (ok && known != 0 && rest % known == 0) out.set(infer, Dim.of(rest / known));
        }
        return List.of(Fact.of(x.dtype(), out));
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        long[] req = attrShape != null ? attrShape : ShapeUtil.longs(inputs.get(1), "input 'shape'");
        return List.of(x.reshape(resolve(x.shape(), req, allowZero)));
    }
}
