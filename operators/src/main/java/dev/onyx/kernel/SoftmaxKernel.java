package dev.onyx.kernel;

/**
 * Softmax, log-softmax and hardmax along one axis of a row-major array viewed as
 * {@code [outer, n, inner]}; numerically stable (the maximum is subtracted before exponentiating).
 */
public final class SoftmaxKernel {
    private SoftmaxKernel() {}

    /** float32 softmax (or log-softmax) over the middle axis of {@code [outer, n, inner]}. */
    public static void softmax(float[] x, float[] y, int outer, int n, int inner, boolean log) {
        if (inner == 1) {
            for (int o = 0; o < outer; o++) lastAxis(x, y, o * n, n, log);
            return;
        }
        for (int o = 0; o < outer; o++) {
            int base = o * n * inner;
            for (int i = 0; i < inner; i++) {
                int off = base + i;
                float max = Float.NEGATIVE_INFINITY;
                for (int k = 0; k < n; k++) max = Math.max(max, x[off + k * inner]);
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    float e = (float) StrictMath.exp(x[off + k * inner] - max);
                    if (!log) y[off + k * inner] = e;
                    sum += e;
                }
                if (log) {
                    double ls = StrictMath.log(sum);
                    for (int k = 0; k < n; k++) y[off + k * inner] = (float) ((x[off + k * inner] - max) - ls);
                } else {
                    float inv = (float) (1.0 / sum);
                    for (int k = 0; k < n; k++) y[off + k * inner] *= inv;
                }
            }
        }
    }

    /** The float32 fast path: one contiguous row of n values starting at off. */
    private static void lastAxis(float[] x, float[] y, int off, int n, boolean log) {
        int end = off + n;
        float max = Float.NEGATIVE_INFINITY;
        for (int k = off; k < end; k++) max = Math.max(max, x[k]);
        double sum = 0;
        if (log) {
            for (int k = off; k < end; k++) sum += StrictMath.exp(x[k] - max);
            double ls = StrictMath.log(sum);
            for (int k = off; k < end; k++) y[k] = (float) ((x[k] - max) - ls);
        } else {
            for (int k = off; k < end; k++) {
                float e = (float) StrictMath.exp(x[k] - max);
                y[k] = e;
                sum += e;
            }
            float inv = (float) (1.0 / sum);
            for (int k = off; k < end; k++) y[k] *= inv;
        }
    }

    /** float64 softmax (or log-softmax) over the middle axis of {@code [outer, n, inner]}. */
    public static void softmax(double[] x, double[] y, int outer, int n, int inner, boolean log) {
        for (int o = 0; o < outer; o++) {
            int base = o * n * inner;
            for (int i = 0; i < inner; i++) {
                int off = base + i;
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < n; k++) max = Math.max(max, x[off + k * inner]);
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    double e = StrictMath.exp(x[off + k * inner] - max);
                    if (!log) y[off + k * inner] = e;
                    sum += e;
                }
                if (log) {
                    double ls = StrictMath.log(sum);
                    for (int k = 0; k < n; k++) y[off + k * inner] = x[off + k * inner] - max - ls;
                } else {
                    for (int k = 0; k < n; k++) y[off + k * inner] /= sum;
                }
            }
        }
    }

    /** Hardmax: 1 at the first maximum of each slice along the middle axis, 0 elsewhere. */
    public static void hardmax(double[] x, double[] y, int outer, int n, int inner) {
        for (int o = 0; o < outer; o++) {
            int base = o * n * inner;
            for (int i = 0; i < inner; i++) {
                int off = base + i;
                if (n == 0) continue;
                int best = 0;
                double bv = x[off];
                for (int k = 1; k < n; k++) {
                    double v = x[off + k * inner];
                    if (v > bv || (Double.isNaN(v) && !Double.isNaN(bv))) {
                        bv = v;
                        best = k;
                    }
                }
                for (int k = 0; k < n; k++) y[off + k * inner] = k == best ? 1 : 0;
            }
        }
    }
}
