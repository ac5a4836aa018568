package dev.onyx.ops.seq;

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
import java.util.Comparator;
import java.util.List;

/** ONNX Unique: distinct elements (or slices along an axis), sorted or in first-seen order, with indices and counts. */
final class Unique implements Op {
    private final Long axis;
    private final boolean sorted;
    private final int outputs;

    private Unique(Long axis, boolean sorted, int outputs) {
        this.axis = axis;
        this.sorted = sorted;
        this.outputs = outputs;
    }

    static Op create(NodeContext ctx) {
        ctx.expectInputs(1, 1);
        long s = ctx.attrs().getInt("sorted", 1);
        if (s != 0 && s != 1) throw ctx.invalid("attribute 'sorted': expected 0 or 1, got " + s);
        if (ctx.outputCount() > 4) throw ctx.invalid("expected at most 4 outputs, got " + ctx.outputCount());
        Long axis = ctx.attrs().has("axis") ? ctx.attrs().getInt("axis", 0) : null;
        return new Unique(axis, s == 1, ctx.outputCount());
    }

    @Override
    public List<Fact> infer(List<Fact> in) {
        Fact x = in.get(0);
        List<Fact> out = new ArrayList<>();
        List<Dim> ydims = List.of(Dim.UNKNOWN);
        if (axis != null) {
            ydims = null;
            if (x != null && x.hasRank()) {
                int r = x.rank();
                if (axis < -r || axis >= r) throw new dev.onyx.InvalidModelException("attribute 'axis': " + axis + " is out of range for rank " + r);
                List<Dim> d = new ArrayList<>(x.dims());
                d.set((int) (axis < 0 ? axis + r : axis), Dim.UNKNOWN);
                ydims = d;
            }
        }
        out.add(Fact.of(x == null ? null : x.dtype(), ydims));
        for (int i = 1; i < outputs; i++) out.add(Fact.of(DType.INT64, List.of(Dim.UNKNOWN)));
        return out;
    }

    @Override
    public List<Tensor> run(List<Tensor> in) {
        Tensor x = in.get(0);
        int[] s = axis == null ? new int[] {x.size()} : x.shape();
        int rank = s.length, a = 0;
        if (axis != null) {
            if (axis < -rank || axis >= rank) throw new IllegalArgumentException("attribute 'axis': " + axis + " is out of range for rank " + rank);
            a = (int) (axis < 0 ? axis + rank : axis);
        }
        int len = s[a], outer = Shapes.product(s, 0, a), inner = Shapes.product(s, a + 1, rank);
        Comparator<Integer> cmp = sliceOrder(x, len, outer, inner);
        Integer[] order = new Integer[len];
        for (int i = 0; i < len; i++) order[i] = i;
        Arrays.sort(order, cmp); // stable: the first index of each run is its first occurrence
        List<Integer> firsts = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        int[] group = new int[len];
        for (int i = 0; i < len; i++) {
            if (i == 0 || cmp.compare(order[i - 1], order[i]) != 0) {
                firsts.add(order[i]);
                counts.add(0L);
            }
            int g = firsts.size() - 1;
            group[order[i]] = g;
            counts.set(g, counts.get(g) + 1);
        }
        int u = firsts.size();
        Integer[] rank2 = new Integer[u]; // output position -> group
        for (int g = 0; g < u; g++) rank2[g] = g;
        if (!sorted) Arrays.sort(rank2, Comparator.comparingInt(firsts::get));
        int[] pos = new int[u];
        for (int p = 0; p < u; p++) pos[rank2[p]] = p;
        int[] ys = s.clone();
        ys[a] = u;
        Object src = x.storage(), dst = Copy.allocLike(src, Shapes.size(ys));
        long[] idx = new long[u], cnt = new long[u], inv = new long[len];
        for (int p = 0; p < u; p++) {
            int g = rank2[p], j = firsts.get(g);
            idx[p] = j;
            cnt[p] = counts.get(g);
            for (int o = 0; o < outer; o++) System.arraycopy(src, (o * len + j) * inner, dst, (o * u + p) * inner, inner);
        }
        for (int i = 0; i < len; i++) inv[i] = pos[group[i]];
        List<Tensor> out = new ArrayList<>();
        out.add(Tensor.wrap(x.dtype(), ys, dst));
        long[][] extra = {idx, inv, cnt};
        for (int i = 1; i < outputs; i++) out.add(Tensor.wrap(DType.INT64, new int[] {extra[i - 1].length}, extra[i - 1]));
        return out;
    }

    /** Lexicographic order of slices j along the axis (elements in row-major order of the other axes). */
    private static Comparator<Integer> sliceOrder(Tensor x, int len, int outer, int inner) {
        DType dt = x.dtype();
        return (p, q) -> {
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < inner; i++) {
                    int ip = (o * len + p) * inner + i, iq = (o * len + q) * inner + i;
                    int c;
                    if (dt == DType.STRING) c = ((String[]) x.storage())[ip].compareTo(((String[]) x.storage())[iq]);
                    else if (dt == DType.UINT64) c = Long.compareUnsigned(x.getLong(ip), x.getLong(iq));
                    else if (dt.isIntegral()) c = Long.compare(x.getLong(ip), x.getLong(iq));
                    else c = Double.compare(x.getDouble(ip) + 0.0, x.getDouble(iq) + 0.0);
                    if (c != 0) return c;
                }
            }
            return 0;
        };
    }
}
