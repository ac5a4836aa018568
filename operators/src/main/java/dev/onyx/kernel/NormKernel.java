package dev.onyx.kernel;

/**
 * Normalization loops: per-channel affine maps (batch normalization) and mean/variance
 * normalization of contiguous groups (layer, instance and group normalization).
 */
public final class NormKernel {
    private NormKernel() {}

    /**
     * float32 {@code y = x * a[c] + b[c]} over {@code [n, c, inner]}: batch normalization in inference
     * mode once {@code a = scale / sqrt(var + eps)} and {@code b = bias - mean * a} are folded.
     */
    public static void affineChannels(float[] x, float[] y, int n, int c, int inner, float[] a, float[] b) {
        int off = 0;
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                float av = a[ch];
                float bv = b[ch];
                int end = off + inner;
                for (int k = off; k < end; k++) y[k] = x[k] * av + bv;
                off = end;
            }
        }
    }

    /** float64 {@code y = x * a[c] + b[c]} over {@code [n, c, inner]}. */
    public static void affineChannels(double[] x, double[] y, int n, int c, int inner, double[] a, double[] b) {
        int off = 0;
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                double av = a[ch];
                double bv = b[ch];
                int end = off + inner;
                for (int k = off; k < end; k++) y[k] = x[k] * av + bv;
                off = end;
            }
        }
    }

    /**
     * Per-channel mean and population variance of {@code [n, c, inner]} over the n and inner axes;
     * fills mean[c] and var[c].
     */
    public static void channelMoments(double[] x, int n, int c, int inner, double[] mean, double[] var) {
        long count = (long) n * inner;
        for (int ch = 0; ch < c; ch++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                int off = (i * c + ch) * inner;
                for (int k = 0; k < inner; k++) s += x[off + k];
            }
            double m = count == 0 ? Double.NaN : s / count;
            double q = 0;
            for (int i = 0; i < n; i++) {
                int off = (i * c + ch) * inner;
                for (int k = 0; k < inner; k++) {
                    double d = x[off + k] - m;
                    q += d * d;
                }
            }
            mean[ch] = m;
            var[ch] = count == 0 ? Double.NaN : q / count;
        }
    }

    /**
     * Normalizes each of {@code groups} contiguous runs of {@code size} values to zero mean and unit
     * variance: {@code y = (x - mean) / sqrt(var + eps)}, or, when {@code rms}, {@code y = x / sqrt(mean(x^2) + eps)}.
     * Stores each group's mean and 1/sqrt(var + eps) in mean[g] and invStd[g] when those are non-null.
     */
    public static void normalizeGroups(double[] x, double[] y, int groups, int size, double eps, boolean rms,
                                       double[] mean, double[] invStd) {
        for (int g = 0; g < groups; g++) {
            int off = g * size;
            double m = 0;
            if (!rms) {
                double s = 0;
                for (int k = 0; k < size; k++) s += x[off + k];
                m = s / size;
            }
            double q = 0;
            for (int k = 0; k < size; k++) {
                double d = x[off + k] - m;
                q += d * d;
            }
            double inv = 1.0 / Math.sqrt(q / size + eps);
            for (int k = 0; k < size; k++) y[off + k] = (x[off + k] - m) * inv;
            if (mean != null) mean[g] = m;
            if (invStd != null) invStd[g] = inv;
        }
    }
}
