package dev.onyx.ops.quant;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/** numpy-matmul of integer operands (batch broadcasting, 1-D promotion) with zero points subtracted first. */
final class IntMatMul {
    private IntMatMul() {}

    /** The product's shape, rows M and columns N, with the operands' shapes. */
    record Result(int[] shape, int m, int n, long[] values) {}

    /**
     * x - zp as ints. A scalar or one-element zp applies to all; a 1-D zp to the given axis of x (rows of A: rank-2,
     * columns of B: rank-1); a higher-rank zp broadcasts numpy-style to x's shape.
     */
    static int[] minusZeroPoint(Tensor x, Tensor zp, int vectorAxis, String what) {
        int n = x.size();
        int[] r = new int[n];
        for (int i = 0; i < n; i++) r[i] = (int) x.getLong(i);
        if (zp == null) return r;
        if (zp.dtype() != x.dtype()) throw new IllegalArgumentException(what + " has type " + zp.dtype() + " but its input has type " + x.dtype());
        int[] xs = x.shape();
        if (zp.size() == 1 && zp.rank() <= 1) {
            int z = (int) zp.getLong(0);
            for (int i = 0; i < n; i++) r[i] -= z;
            return r;
        }
        if (zp.rank() == 1) {
            int a = vectorAxis < 0 ? vectorAxis + xs.length : vectorAxis;
            if (a < 0 || a >= xs.length || zp.dim(0) != xs[a]) {
                throw Quant.shapeError(what, zp, "a scalar or [" + (a >= 0 && a < xs.length ? xs[a] : "?") + "]");
            }
            int inner = Shapes.product(xs, a + 1, xs.length), len = xs[a];
            for (int i = 0; i < n; i++) r[i] -= (int) zp.getLong((i / inner) % len);
            return r;
        }
        int[] out;
        try {
            out = Shapes.broadcast(xs, zp.shape());
        } catch (IllegalArgumentException e) {
            out = null;
        }
        if (out == null || !java.util.Arrays.equals(out, xs)) {
            throw Quant.shapeError(what, zp, "a scalar, a vector or a shape broadcasting to " + Shapes.toString(xs));
        }
        int[] st = Shapes.broadcastStrides(zp.shape(), xs);
        int[] idx = new int[xs.length];
        for (int i = 0; i < n; i++) {
            int off = 0;
            for (int d = 0; d < xs.length; d++) off += idx[d] * st[d];
            r[i] -= (int) zp.getLong(off);
            for (int d = xs.length - 1; d >= 0 && ++idx[d] == xs[d]; d--) idx[d] = 0;
        }
        return r;
    }

    /** A @ B with int32 wrap-around accumulation, as int32 values in longs. */
    static Result multiply(int[] a, int[] aShape, int[] b, int[] bShape) {
        if (aShape.length == 0 || bShape.length == 0) throw new IllegalArgumentException("MatMul operands must have rank >= 1");
        int[] as = aShape.length == 1 ? new int[] {1, aShape[0]} : aShape;
        int[] bs = bShape.length == 1 ? new int[] {bShape[0], 1} : bShape;
        int m = as[as.length - 2], k = as[as.length - 1], k2 = bs[bs.length - 2], n = bs[bs.length - 1];
        if (k != k2) {
            throw new IllegalArgumentException("shapes " + Shapes.toString(aShape) + " and " + Shapes.toString(bShape)
                    + " cannot be multiplied (" + k + " vs " + k2 + ")");
        }
        int[] aBatch = java.util.Arrays.copyOf(as, as.length - 2), bBatch = java.util.Arrays.copyOf(bs, bs.length - 2);
        int[] batch = Shapes.broadcast(aBatch, bBatch);
        int[] aSt = Shapes.broadcastStrides(aBatch, batch), bSt = Shapes.broadcastStrides(bBatch, batch);
        int batches = Shapes.size(batch);
        long[] y = new long[Math.multiplyExact(batches, Math.multiplyExact(m, n))];
        int[] idx = new int[batch.length];
        int[] row = new int[n];
        for (int t = 0; t < batches; t++) {
            int ao = 0, bo = 0;
            for (int d = 0; d < batch.length; d++) {
                ao += idx[d] * aSt[d];
                bo += idx[d] * bSt[d];
            }
            ao *= m * k;
            bo *= k * n;
            for (int i = 0; i < m; i++) {
                java.util.Arrays.fill(row, 0);
                for (int p = 0; p < k; p++) {
                    int av = a[ao + i * k + p];
                    if (av == 0) continue;
                    int bRow = bo + p * n;
                    for (int j = 0; j < n; j++) row[j] += av * b[bRow + j];
                }
                int yo = (t * m + i) * n;
                for (int j = 0; j < n; j++) y[yo + j] = row[j];
            }
            for (int d = batch.length - 1; d >= 0 && ++idx[d] == batch[d]; d--) idx[d] = 0;
        }
        List<Integer> shape = new ArrayList<>();
        for (int d : batch) shape.add(d);
        if (aShape.length > 1) shape.add(m);
        if (bShape.length > 1) shape.add(n);
        return new Result(shape.stream().mapToInt(Integer::intValue).toArray(), m, n, y);
    }

    /** The product's dims from the operands' facts, or null when a rank is unknown. */
    static List<Dim> inferDims(Fact a, Fact b) {
        if (!a.hasRank() || !b.hasRank()) return null;
        List<Dim> ad = a.dims(), bd = b.dims();
        if (ad.isEmpty() || bd.isEmpty()) throw new IllegalArgumentException("MatMul operands must have rank >= 1");
        List<Dim> ab = ad.size() > 2 ? ad.subList(0, ad.size() - 2) : List.of();
        List<Dim> bb = bd.size() > 2 ? bd.subList(0, bd.size() - 2) : List.of();
        int rank = Math.max(ab.size(), bb.size());
        List<Dim> out = new ArrayList<>();
        for (int i = 0; i < rank; i++) {
            Dim x = i < rank - ab.size() ? Dim.of(1) : ab.get(i - (rank - ab.size()));
            Dim y = i < rank - bb.size() ? Dim.of(1) : bb.get(i - (rank - bb.size()));
            out.add(broadcast(x, y));
        }
        if (ad.size() > 1) out.add(ad.get(ad.size() - 2));
        if (bd.size() > 1) out.add(bd.get(bd.size() - 1));
        return out;
    }

    private static Dim broadcast(Dim x, Dim y) {
        if (x.isKnown() && x.value() == 1) return y;
        if (y.isKnown() && y.value() == 1) return x;
        if (x.isKnown() && y.isKnown() && x.value() != y.value()) {
            throw new IllegalArgumentException("batch dims " + x + " and " + y + " do not broadcast");
        }
        if (x.isKnown()) return x;
        if (y.isKnown()) return y;
        return x.equals(y) ? x : Dim.UNKNOWN;
    }
}
