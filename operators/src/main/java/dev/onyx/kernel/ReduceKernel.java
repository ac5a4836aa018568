package dev.onyx.kernel;

/**
 * Reductions over any set of axes. A reduction first maps every input element to its output slot
 * ({@link #slots}), then folds values slot by slot on primitive arrays.
 */
public final class ReduceKernel {
    private ReduceKernel() {}

    /** The kinds of reduction. */
    public enum Kind { SUM, MEAN, MAX, MIN, PROD, L1, L2, LOG_SUM, LOG_SUM_EXP, SUM_SQUARE }

    /**
     * For each element of a row-major tensor of this shape, the flat index of its output element when
     * the axes flagged in {@code reduced} are collapsed.
     */
    public static int[] slots(int[] shape, boolean[] reduced) {
        int rank = shape.length;
        int size = 1;
        for (int d : shape) size *= d;
        int[] outStride = new int[rank];
        int acc = 1;
        for (int i = rank - 1; i >= 0; i--) {
            outStride[i] = reduced[i] ? 0 : acc;
            if (!reduced[i]) acc *= shape[i];
        }
        int[] map = new int[size];
        if (size == 0) return map;
        int[] idx = new int[rank];
        int slot = 0;
        for (int e = 0; e < size; e++) {
            map[e] = slot;
            for (int d = rank - 1; d >= 0; d--) {
                idx[d]++;
                slot += outStride[d];
                if (idx[d] < shape[d]) break;
                slot -= outStride[d] * shape[d];
                idx[d] = 0;
            }
        }
        return map;
    }

    /** Reduces floating values into {@code out} (length = number of slots); count = elements per slot. */
    public static void reduce(Kind kind, double[] x, int[] map, double[] out, long count) {
        int n = x.length;
        switch (kind) {
            case SUM, MEAN, LOG_SUM -> {
                java.util.Arrays.fill(out, 0);
                for (int i = 0; i < n; i++) out[map[i]] += x[i];
                if (kind == Kind.MEAN) for (int j = 0; j < out.length; j++) out[j] /= count;
                if (kind == Kind.LOG_SUM) for (int j = 0; j < out.length; j++) out[j] = StrictMath.log(out[j]);
            }
            case MAX -> {
                java.util.Arrays.fill(out, Double.NEGATIVE_INFINITY);
                for (int i = 0; i < n; i++) {
                    double v = x[i];
                    int s = map[i];
                    if (v > out[s] || Double.isNaN(v)) out[s] = v;
                }
            }
            case MIN -> {
                java.util.Arrays.fill(out, Double.POSITIVE_INFINITY);
                for (int i = 0; i < n; i++) {
                    double v = x[i];
                    int s = map[i];
                    if (v < out[s] || Double.isNaN(v)) out[s] = v;
                }
            }
            case PROD -> {
                java.util.Arrays.fill(out, 1);
                for (int i = 0; i < n; i++) out[map[i]] *= x[i];
            }
            case L1 -> {
                java.util.Arrays.fill(out, 0);
                for (int i = 0; i < n; i++) out[map[i]] += Math.abs(x[i]);
            }
            case L2, SUM_SQUARE -> {
                java.util.Arrays.fill(out, 0);
                for (int i = 0; i < n; i++) out[map[i]] += x[i] * x[i];
                if (kind == Kind.L2) for (int j = 0; j < out.length; j++) out[j] = Math.sqrt(out[j]);
            }
            case LOG_SUM_EXP -> {
                double[] max = new double[out.length];
                reduce(Kind.MAX, x, map, max, count);
                java.util.Arrays.fill(out, 0);
                for (int i = 0; i < n; i++) {
                    int s = map[i];
                    if (Double.isFinite(max[s])) out[s] += StrictMath.exp(x[i] - max[s]);
                }
                for (int j = 0; j < out.length; j++) {
                    out[j] = Double.isFinite(max[j]) ? max[j] + StrictMath.log(out[j]) : max[j];
                }
            }
        }
    }

    /**
     * Reduces integer values exactly into {@code out}, with wrap-around like C integer arithmetic.
     * {@code unsigned} compares (MAX, MIN) and divides (MEAN) as unsigned 64-bit; {@code lowest} and
     * {@code highest} are the identities of MAX and MIN. L2, LOG_SUM and LOG_SUM_EXP are not integral:
     * callers compute them in floating point.
     */
    public static void reduce(Kind kind, long[] x, int[] map, long[] out, long count, boolean unsigned,
                              long lowest, long highest) {
        int n = x.length;
        switch (kind) {
            case SUM, MEAN -> {
                java.util.Arrays.fill(out, 0);
                for (int i = 0; i < n; i++) out[map[i]] += x[i];
                if (kind == Kind.MEAN) {
                    for (int j = 0; j < out.length; j++) {
                        if (count == 0) out[j] = 0;
                        else out[j] = unsigned ? Long.divideUnsigned(out[j], count) : out[j] / count;
                    }
                }
            }
            case MAX -> {
                java.util.Arrays.fill(out, lowest);
                for (int i = 0; i < n; i++) {
                    int s = map[i];
                    if (unsigned ? Long.compareUnsigned(x[i], out[s]) > 0 : x[i] > out[s]) out[s] = x[i];
                }
            }
            case MIN -> {
                java.util.Arrays.fill(out, highest);
                for (int i = 0; i < n; i++) {
                    int s = map[i];
                    if (unsigned ? Long.compareUnsigned(x[i], out[s]) < 0 : x[i] < out[s]) out[s] = x[i];
                }
            }
            case PROD -> {
                java.util.Arrays.fill(out, 1);
                for (int i = 0; i < n; i++) out[map[i]] *= x[i];
            }
            case L1 -> {
                java.util.Arrays.fill(out, 0);
                for (int i = 0; i < n; i++) out[map[i]] += unsigned ? x[i] : Math.abs(x[i]);
            }
            case SUM_SQUARE -> {
                java.util.Arrays.fill(out, 0);
                for (int i = 0; i < n; i++) out[map[i]] += x[i] * x[i];
            }
            default -> throw new IllegalArgumentException(kind + " is not an exact integer reduction");
        }
    }
}
