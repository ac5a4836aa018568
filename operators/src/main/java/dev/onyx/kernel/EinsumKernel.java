package dev.onyx.kernel;

/**
 * The summation loop of Einsum: out[o] = sum over s of prod_k in_k[offset_k(o, s)], where every operand k
 * reads with one stride per output axis and per summed axis (0 for axes it does not have or broadcasts;
 * the sum of its strides for a label it repeats, which reads a diagonal).
 */
public final class EinsumKernel {
    private EinsumKernel() {}

    /** Floating contraction accumulated in double. outStrides[k][i], sumStrides[k][j]: strides of operand k. */
    public static double[] contract(double[][] in, int[] outSizes, int[][] outStrides, int[] sumSizes, int[][] sumStrides) {
        int outN = size(outSizes), sumN = size(sumSizes), n = in.length;
        double[] out = new double[outN];
        if (outN == 0 || sumN == 0) return out;
        int[] base = new int[n];
        int[] oIdx = new int[outSizes.length];
        int[] off = new int[n];
        int[] sIdx = new int[sumSizes.length];
        for (int o = 0; o < outN; o++) {
            System.arraycopy(base, 0, off, 0, n);
            java.util.Arrays.fill(sIdx, 0);
            double acc = 0;
            for (int s = 0; s < sumN; s++) {
                double p = 1;
                for (int k = 0; k < n; k++) p *= in[k][off[k]];
                acc += p;
                step(sIdx, sumSizes, sumStrides, off);
            }
            out[o] = acc;
            step(oIdx, outSizes, outStrides, base);
        }
        return out;
    }

    /** Integer contraction with wrap-around long arithmetic. */
    public static long[] contract(long[][] in, int[] outSizes, int[][] outStrides, int[] sumSizes, int[][] sumStrides) {
        int outN = size(outSizes), sumN = size(sumSizes), n = in.length;
        long[] out = new long[outN];
        if (outN == 0 || sumN == 0) return out;
        int[] base = new int[n];
        int[] oIdx = new int[outSizes.length];
        int[] off = new int[n];
        int[] sIdx = new int[sumSizes.length];
        for (int o = 0; o < outN; o++) {
            System.arraycopy(base, 0, off, 0, n);
            java.util.Arrays.fill(sIdx, 0);
            long acc = 0;
            for (int s = 0; s < sumN; s++) {
                long p = 1;
                for (int k = 0; k < n; k++) p *= in[k][off[k]];
                acc += p;
                step(sIdx, sumSizes, sumStrides, off);
            }
            out[o] = acc;
            step(oIdx, outSizes, outStrides, base);
        }
        return out;
    }

    /** Advances a row-major multi-index by one, updating every operand's offset. */
    private static void step(int[] idx, int[] sizes, int[][] strides, int[] off) {
        for (int a = idx.length - 1; a >= 0; a--) {
            if (++idx[a] < sizes[a]) {
                for (int k = 0; k < off.length; k++) off[k] += strides[k][a];
                return;
            }
            for (int k = 0; k < off.length; k++) off[k] -= strides[k][a] * (sizes[a] - 1);
            idx[a] = 0;
        }
    }

    private static int size(int[] sizes) {
        long n = 1;
        for (int s : sizes) n *= s;
        if (n > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("Einsum: " + n + " elements are too many");
        return (int) n;
    }
}
