package dev.onyx.ops.shape;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.kernel.Copy;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * ONNX TopK: the k largest (or, from opset 11, smallest) elements along an axis with their int64 indices;
 * k is an attribute before opset 10, an input after. Ties keep the lower index first; NaN sorts above all.
 * Results are always sorted, which 'sorted=0' allows.
 */
public final class TopK implements Op {
    private final long axis;
    private final Long attrK;
    private final boolean largest;

    private TopK(long axis, Long attrK, boolean largest) {
        this.axis = axis;
        this.attrK = attrK;
        this.largest = largest;
    }

    static Op create(NodeContext ctx) {
        long axis = ctx.attrs().getInt("axis", -1);
        if (ctx.opset() < 10) {
            ctx.expectInputs(1, 1);
            if (!ctx.attrs().has("k")) throw ctx.invalid("missing required attribute 'k'");
            long k = ctx.attrs().requireInt("k");
            if (k < 0) throw ctx.invalid("attribute 'k': negative value " + k);
            return new TopK(axis, k, true);
        }
        ctx.expectInputs(2, 2);
        boolean largest = ctx.opset() < 11 || ctx.attrs().getInt("largest", 1) != 0;
        return new TopK(axis, null, largest);
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        Fact x = inputs.get(0);
        if (!x.hasRank()) return List.of(Fact.unknownShape(x.dtype()), Fact.unknownShape(DType.INT64));
        int a = ShapeUtil.axis(axis, x.rank(), "TopK");
        Long k = attrK;
        if (k == null) {
            long[] c = ShapeUtil.constLongs(inputs.get(1));
            if (c != null && c.length == 1) k = c[0];
        }
        List<Dim> dims = new ArrayList<>(x.dims());
        dims.set(a, k == null ? Dim.UNKNOWN : Dim.of(k));
        return List.of(Fact.of(x.dtype(), dims), Fact.of(DType.INT64, dims));
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        if (x.dtype() == DType.STRING || x.dtype() == DType.BOOL) throw new IllegalArgumentException("TopK does not take " + x.dtype());
        int[] s = x.shape();
        int a = ShapeUtil.axis(axis, s.length, "TopK");
        long kl = attrK != null ? attrK : ShapeUtil.scalarLong(inputs.get(1), "input 'K'");
        if (kl < 0 || kl > s[a]) throw new IllegalArgumentException("k = " + kl + " is out of range for an axis of size " + s[a]);
        int k = (int) kl;
        int len = s[a];
        int outer = Shapes.product(s, 0, a), inner = Shapes.product(s, a + 1, s.length);
        int[] os = s.clone();
        os[a] = k;
        int n = Shapes.size(os);
        int[] pos = new int[n];
        long[] idx = new long[n];
        Integer[] order = new Integer[len];
        boolean exact = x.dtype().isInteger();
        boolean u64 = x.dtype() == DType.UINT64;
        long[] lv = new long[len];
        double[] dv = new double[len];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * len * inner + i;
                for (int j = 0; j < len; j++) {
                    order[j] = j;
                    if (exact) lv[j] = x.getLong(base + j * inner);
                    else dv[j] = x.getDouble(base + j * inner);
                }
                Arrays.sort(order, (p, q) -> {
                    int c = exact ? (u64 ? Long.compareUnsigned(lv[p], lv[q]) : Long.compare(lv[p], lv[q]))
                            : Double.compare(dv[p], dv[q]);
                    if (largest) c = -c;
                    return c != 0 ? c : Integer.compare(p, q);
                });
                for (int j = 0; j < k; j++) {
                    int out = (o * k + j) * inner + i;
                    pos[out] = base + order[j] * inner;
                    idx[out] = order[j];
                }
            }
        }
        Tensor values = Tensor.wrap(x.dtype(), os, Copy.take(x.storage(), pos));
        return List.of(values, Tensor.wrap(DType.INT64, os, idx));
    }
}
