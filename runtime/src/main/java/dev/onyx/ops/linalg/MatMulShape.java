package dev.onyx.ops.linalg;

import dev.onyx.InvalidModelException;
import dev.onyx.ir.Dim;
import dev.onyx.tensor.Shapes;

import java.util.ArrayList;
import java.util.List;

/**
 * numpy.matmul geometry: 1-D operands promoted to matrices (and the added axis removed from the result),
 * batch axes broadcast, and for every output matrix the offsets of the A and B matrices it reads.
 */
record MatMulShape(int[] outShape, int batch, int m, int n, int k, int[] aOffsets, int[] bOffsets) {

    /** Plans A x B for concrete shapes; throws IllegalArgumentException on a mismatch. */
    static MatMulShape of(int[] aShape, int[] bShape) {
        if (aShape.length == 0 || bShape.length == 0) {
            throw new IllegalArgumentException("MatMul operands must have rank >= 1, got shapes "
                    + Shapes.toString(aShape) + " and " + Shapes.toString(bShape));
        }
        boolean aVec = aShape.length == 1, bVec = bShape.length == 1;
        int[] a = aVec ? new int[] {1, aShape[0]} : aShape;
        int[] b = bVec ? new int[] {bShape[0], 1} : bShape;
        int m = a[a.length - 2], k = a[a.length - 1];
        int kb = b[b.length - 2], n = b[b.length - 1];
        if (k != kb) {
            throw new IllegalArgumentException("MatMul: inner dimensions differ: A " + Shapes.toString(aShape)
                    + " has " + k + " columns, B " + Shapes.toString(bShape) + " has " + kb + " rows");
        }
        int[] aBatch = java.util.Arrays.copyOf(a, a.length - 2);
        int[] bBatch = java.util.Arrays.copyOf(b, b.length - 2);
        int[] batchShape;
        try {
            batchShape = Shapes.broadcast(aBatch, bBatch);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("MatMul: batch dimensions of A " + Shapes.toString(aShape)
                    + " and B " + Shapes.toString(bShape) + " do not broadcast");
        }
        int batch = Shapes.size(batchShape);
        int[] aStr = Shapes.broadcastStrides(aBatch, batchShape);
        int[] bStr = Shapes.broadcastStrides(bBatch, batchShape);
        int[] aOff = new int[batch];
        int[] bOff = new int[batch];
        int[] idx = new int[batchShape.length];
        long aMat = (long) m * k, bMat = (long) k * n;
        for (int t = 0; t < batch; t++) {
            long ao = 0, bo = 0;
            for (int d = 0; d < idx.length; d++) {
                ao += (long) idx[d] * aStr[d];
                bo += (long) idx[d] * bStr[d];
            }
            aOff[t] = Math.toIntExact(ao * aMat);
            bOff[t] = Math.toIntExact(bo * bMat);
            for (int d = idx.length - 1; d >= 0; d--) {
                if (++idx[d] < batchShape[d]) break;
                idx[d] = 0;
            }
        }
        List<Integer> out = new ArrayList<>();
        for (int d : batchShape) out.add(d);
        if (!aVec) out.add(m);
        if (!bVec) out.add(n);
        int[] outShape = out.stream().mapToInt(Integer::intValue).toArray();
        Shapes.size(outShape);
        return new MatMulShape(outShape, batch, m, n, k, aOff, bOff);
    }

    /** True when B is one matrix shared by all batches and the A matrices follow each other: one big GEMM. */
    boolean foldsIntoOneGemm() {
        for (int t = 0; t < batch; t++) {
            if (bOffsets[t] != 0 || aOffsets[t] != t * m * k) return false;
        }
        return true;
    }

    /** Output dims from possibly symbolic input dims, or null when a rank is unknown. */
    static List<Dim> infer(List<Dim> a, List<Dim> b) {
        if (a == null || b == null) return null;
        if (a.isEmpty() || b.isEmpty()) throw new InvalidModelException("MatMul operands must have rank >= 1");
        boolean aVec = a.size() == 1, bVec = b.size() == 1;
        List<Dim> am = aVec ? List.of(Dim.of(1), a.get(0)) : a;
        List<Dim> bm = bVec ? List.of(b.get(0), Dim.of(1)) : b;
        Dim k = am.get(am.size() - 1), kb = bm.get(bm.size() - 2);
        if (k.isKnown() && kb.isKnown() && k.value() != kb.value()) {
            throw new InvalidModelException("MatMul: inner dimensions differ: A " + a + " has " + k
                    + " columns, B " + b + " has " + kb + " rows");
        }
        List<Dim> out = broadcast(am.subList(0, am.size() - 2), bm.subList(0, bm.size() - 2));
        if (!aVec) out.add(am.get(am.size() - 2));
        if (!bVec) out.add(bm.get(bm.size() - 1));
        return out;
    }

    /** Numpy broadcast of symbolic dims. */
    static List<Dim> broadcast(List<Dim> a, List<Dim> b) {
        int rank = Math.max(a.size(), b.size());
        List<Dim> out = new ArrayList<>(rank);
        for (int i = 0; i < rank; i++) {
            Dim da = i < rank - a.size() ? Dim.of(1) : a.get(i - (rank - a.size()));
            Dim db = i < rank - b.size() ? Dim.of(1) : b.get(i - (rank - b.size()));
            out.add(broadcastDim(da, db));
        }
        return out;
    }

    static Dim broadcastDim(Dim da, Dim db) {
        if (da.isKnown() && db.isKnown()) {
            if (da.value() == db.value() || db.value() == 1) return da;
            if (da.value() == 1) return db;
            throw new InvalidModelException("MatMul: batch dimensions " + da + " and " + db + " do not broadcast");
        }
        if (da.isKnown()) return da.value() == 1 ? db : da;
        if (db.isKnown()) return db.value() == 1 ? da : db;
        if (da.isSymbolic() && da.equals(db)) return da;
        return Dim.UNKNOWN;
    }
}
