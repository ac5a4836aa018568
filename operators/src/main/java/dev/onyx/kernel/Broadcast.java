package dev.onyx.kernel;

import dev.onyx.tensor.Shapes;

/**
 * Walks a numpy-broadcast output in contiguous rows: dims are collapsed where every input is
 * contiguous (or broadcast) across them, so each callback covers a run of the innermost dim,
 * where every input's step is 0 (broadcast) or 1.
 */
public final class Broadcast {
    private Broadcast() {}

    /** One run of n output elements starting at outOff; input k starts at off[k] and advances step[k] (0 or 1). */
    @FunctionalInterface
    public interface Rows {
        void row(int[] off, int[] step, int outOff, int n);
    }

    /** Two-input form of {@link Rows}. */
    @FunctionalInterface
    public interface Rows2 {
        void row(int aOff, int aStep, int bOff, int bStep, int outOff, int n);
    }

    /** Walks the broadcast of two inputs of the given shapes over {@code out}. */
    public static void rows2(int[] out, int[] a, int[] b, Rows2 r) {
        rows(out, new int[][] {a, b}, (off, step, o, n) -> r.row(off[0], step[0], off[1], step[1], o, n));
    }

    /** Walks the broadcast of any number of inputs of the given shapes over {@code out}. */
    public static void rows(int[] out, int[][] inputs, Rows r) {
        int total = Shapes.size(out);
        int k = inputs.length;
        if (total == 0) return;
        // fast path: every input is the full shape or a single element
        boolean simple = true;
        for (int[] in : inputs) {
            int s = Shapes.size(in);
            if (s != 1 && s != total) { simple = false; break; }
        }
        int[] off = new int[k];
        int[] step = new int[k];
        if (simple) {
            for (int i = 0; i < k; i++) step[i] = Shapes.size(inputs[i]) == 1 ? 0 : 1;
            r.row(off, step, 0, total);
            return;
        }
        int rank = out.length;
        int[][] st = new int[k][];
        for (int i = 0; i < k; i++) {
            if (inputs[i].length > rank) {
                throw new IllegalArgumentException("input of rank " + inputs[i].length + " cannot broadcast to "
                        + Shapes.toString(out));
            }
            st[i] = Shapes.broadcastStrides(inputs[i], out);
        }
        // collapse: drop size-1 dims, merge dim d into d+1 when every input is contiguous across them
        int[] dims = new int[rank];
        int[][] strides = new int[k][rank];
        int m = 0;
        for (int d = 0; d < rank; d++) {
            if (out[d] == 1) continue;
            if (m > 0) {
                boolean merge = true;
                for (int i = 0; i < k; i++) {
                    if (st[i][d] * out[d] != strides[i][m - 1]) {
                        merge = false;
                        break;
                    }
                }
                if (merge) {
                    dims[m - 1] *= out[d];
                    for (int i = 0; i < k; i++) strides[i][m - 1] = st[i][d];
                    continue;
                }
            }
            dims[m] = out[d];
            for (int i = 0; i < k; i++) strides[i][m] = st[i][d];
            m++;
        }
        if (m == 0) {
            r.row(off, step, 0, 1);
            return;
        }
        int inner = dims[m - 1];
        for (int i = 0; i < k; i++) step[i] = strides[i][m - 1];
        int outer = total / inner;
        int[] idx = new int[m];
        int[] base = new int[k];
        for (int o = 0; o < outer; o++) {
            System.arraycopy(base, 0, off, 0, k);
            r.row(off, step, o * inner, inner);
            // advance the outer counter (dims 0..m-2)
            for (int d = m - 2; d >= 0; d--) {
                idx[d]++;
                for (int i = 0; i < k; i++) base[i] += strides[i][d];
                if (idx[d] < dims[d]) break;
                for (int i = 0; i < k; i++) base[i] -= strides[i][d] * dims[d];
                idx[d] = 0;
            }
        }
    }
}
