package dev.onyx.ops.norm;

import dev.onyx.InvalidModelException;
import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * ONNX ArgMax and ArgMin: int64 indices of the first (or, with {@code select_last_index}, last)
 * extreme value along {@code axis}. NaN counts as the extreme, as in numpy.
 */
public final class ArgReduceOp implements Op {
    private final boolean max;
    private final long axis;
    private final boolean keepdims;
    private final boolean selectLast;

    private ArgReduceOp(boolean max, long axis, boolean keepdims, boolean selectLast) {
        this.max = max;
        this.axis = axis;
        this.keepdims = keepdims;
        this.selectLast = selectLast;
    }

    public static Op create(NodeContext ctx, boolean max) {
        ctx.expectInputs(1, 1);
        long axis = ctx.attrs().getInt("axis", 0);
        long keep = ctx.attrs().getInt("keepdims", 1);
        if (keep != 0 && keep != 1) throw ctx.invalid("attribute 'keepdims': expected 0 or 1, got " + keep);
        long last = ctx.opset() >= 12 ? ctx.attrs().getInt("select_last_index", 0) : 0;
        if (last != 0 && last != 1) throw ctx.invalid("attribute 'select_last_index': expected 0 or 1, got " + last);
        return new ArgReduceOp(max, axis, keep == 1, last == 1);
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        Fact x = inputs.get(0);
        if (x.dtype() != null && !(x.dtype().isFloatingPoint() || x.dtype().isInteger())) {
            throw new InvalidModelException("unsupported input type " + x.dtype());
        }
        if (!x.hasRank()) return List.of(Fact.unknownShape(DType.INT64));
        int a;
        try {
            a = Values.axis(axis, x.rank(), "axis");
        } catch (IllegalArgumentException e) {
            throw new InvalidModelException(e.getMessage());
        }
        List<Dim> dims = new ArrayList<>(x.dims());
        if (keepdims) dims.set(a, Dim.of(1));
        else dims.remove(a);
        return List.of(Fact.of(DType.INT64, dims));
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        DType t = x.dtype();
        if (!(t.isFloatingPoint() || t.isInteger())) throw new IllegalArgumentException("unsupported input type " + t);
        int[] shape = x.shape();
        int a = Values.axis(axis, shape.length, "axis");
        int outer = Shapes.product(shape, 0, a);
        int n = shape[a];
        int inner = Shapes.product(shape, a + 1, shape.length);
        if (n == 0 && outer * inner > 0) {
            throw new IllegalArgumentException("cannot take " + (max ? "ArgMax" : "ArgMin") + " over an empty axis " + a);
        }
        long[] out = new long[outer * inner];
        if (t.isInteger()) {
            long[] v = new long[x.size()];
            for (int i = 0; i < v.length; i++) v[i] = x.getLong(i);
            boolean unsigned = t == DType.UINT64;
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < inner; i++) {
                    int off = o * n * inner + i;
                    int best = 0;
                    long bv = v[off];
                    for (int k = 1; k < n; k++) {
                        long c = v[off + k * inner];
                        int cmp = unsigned ? Long.compareUnsigned(c, bv) : Long.compare(c, bv);
                        if (!max) cmp = -cmp;
                        if (cmp > 0 || (cmp == 0 && selectLast)) {
                            bv = c;
                            best = k;
                        }
                    }
                    out[o * inner + i] = best;
                }
            }
        } else {
            double[] v = Values.read(x);
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < inner; i++) {
                    int off = o * n * inner + i;
                    int best = 0;
                    double bv = v[off];
                    for (int k = 1; k < n; k++) {
                        double c = v[off + k * inner];
                        if (better(c, bv)) {
                            bv = c;
                            best = k;
                        }
                    }
                    out[o * inner + i] = best;
                }
            }
        }
        int[] outShape;
        if (keepdims) {
            outShape = shape.clone();
            outShape[a] = 1;
        } else {
            outShape = new int[shape.length - 1];
            for (int i = 0, j = 0; i < shape.length; i++) if (i != a) outShape[j++] = shape[i];
        }
        return List.of(Tensor.wrap(DType.INT64, outShape, out));
    }

    private boolean better(double c, double best) {
        if (Double.isNaN(best)) return selectLast && Double.isNaN(c);
        if (Double.isNaN(c)) return true;
        if (c == best) return selectLast;
        return max ? c > best : c < best;
    }
}
