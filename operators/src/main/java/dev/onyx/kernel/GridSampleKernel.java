package dev.onyx.kernel;

/**
 * N-D grid sampling (ONNX GridSample): each output point reads the input at a normalized grid location
 * with nearest, linear or cubic interpolation and zeros, border or reflection padding.
 */
public final class GridSampleKernel {
    private GridSampleKernel() {}

    public enum Mode { NEAREST, LINEAR, CUBIC }

    public enum Padding { ZEROS, BORDER, REFLECTION }

    /**
     * x [n, c, in...], grid [n, out..., r] (last entry = last input axis first), y [n, c, out...].
     */
    public static void run(double[] x, double[] grid, double[] y, int n, int c, int[] in, int outSize,
                           Mode mode, Padding padding, boolean alignCorners) {
        int r = in.length;
        int inSize = 1;
        for (int v : in) inSize *= v;
        int taps = mode == Mode.NEAREST ? 1 : mode == Mode.LINEAR ? 2 : 4;
        int[] idx = new int[r * taps];
        double[] wt = new double[r * taps];
        int[] inStride = new int[r];
        int acc = 1;
        for (int d = r - 1; d >= 0; d--) {
            inStride[d] = acc;
            acc *= in[d];
        }
        float[] lo = new float[r], hi = new float[r];
        for (int d = 0; d < r; d++) {
            lo[d] = alignCorners ? 0f : -0.5f;
            hi[d] = alignCorners ? in[d] - 1f : in[d] - 0.5f;
        }
        int combos = 1;
        for (int d = 0; d < r; d++) combos *= taps;
        int[] cnt = new int[r];
        for (int b = 0; b < n; b++) {
            for (int p = 0; p < outSize; p++) {
                int gOff = (b * outSize + p) * r;
                for (int d = 0; d < r; d++) {
                    float g = (float) grid[gOff + r - 1 - d];
                    int len = in[d];
                    float xf = alignCorners ? (g + 1) / 2.0f * (len - 1) : ((g + 1) * len - 1) / 2.0f;
                    if (mode == Mode.NEAREST) xf = (float) Math.rint(xf); // round half to even, as the ONNX 1.23 cases expect for every rank
                    if (xf < lo[d] || xf > hi[d]) {
                        if (padding == Padding.BORDER) xf = Math.max(0, Math.min(len - 1, xf));
                        else if (padding == Padding.REFLECTION) xf = (float) reflect(xf, lo[d], hi[d]);
                    }
                    if (mode == Mode.NEAREST) {
                        idx[d] = pixel((int) xf, len, padding, lo[d], hi[d]);
                        wt[d] = 1;
                    } else {
                        double x0 = Math.floor(xf);
                        double t = xf - x0;
                        int i0 = (int) x0;
                        if (mode == Mode.LINEAR) {
                            wt[d * 2] = 1 - t;
                            wt[d * 2 + 1] = t;
                            idx[d * 2] = pixel(i0, len, padding, lo[d], hi[d]);
                            idx[d * 2 + 1] = pixel(i0 + 1, len, padding, lo[d], hi[d]);
                        } else {
                            double a = -0.75;
                            wt[d * 4] = ((a * (t + 1) - 5 * a) * (t + 1) + 8 * a) * (t + 1) - 4 * a;
                            wt[d * 4 + 1] = ((a + 2) * t - (a + 3)) * t * t + 1;
                            wt[d * 4 + 2] = ((a + 2) * (1 - t) - (a + 3)) * (1 - t) * (1 - t) + 1;
                            wt[d * 4 + 3] = ((a * (2 - t) - 5 * a) * (2 - t) + 8 * a) * (2 - t) - 4 * a;
                            for (int k = 0; k < 4; k++) idx[d * 4 + k] = pixel(i0 - 1 + k, len, padding, lo[d], hi[d]);
                        }
                    }
                }
                for (int ch = 0; ch < c; ch++) {
                    int xOff = (b * c + ch) * inSize;
                    double sum = 0;
                    java.util.Arrays.fill(cnt, 0);
                    for (int k = 0; k < combos; k++) {
                        double w = 1;
                        int off = 0;
                        boolean zero = false;
                        for (int d = 0; d < r; d++) {
                            int i = idx[d * taps + cnt[d]];
                            if (i < 0) {
                                zero = true;
                            } else {
                                off += i * inStride[d];
                            }
                            w *= wt[d * taps + cnt[d]];
                        }
                        if (!zero) sum += w * x[xOff + off];
                        for (int d = r - 1; d >= 0; d--) {
                            if (++cnt[d] < taps) break;
                            cnt[d] = 0;
                        }
                    }
                    y[(b * c + ch) * outSize + p] = sum;
                }
            }
        }
    }

    /** Index i resolved by the padding mode: -1 means a zero (outside, zeros padding). */
    private static int pixel(int i, int len, Padding padding, float lo, float hi) {
        return switch (padding) {
            case ZEROS -> i >= 0 && i < len ? i : -1;
            case BORDER -> Math.max(0, Math.min(len - 1, i));
            case REFLECTION -> Math.max(0, Math.min(len - 1, (int) reflect(i, lo, hi)));
        };
    }

    /** Reflects x by the near border until it lies in [lo, hi]. */
    static double reflect(double x, double lo, double hi) {
        double rng = hi - lo;
        if (!(rng > 0)) return lo;
        if (x < lo) {
            double dx = lo - x;
            long k = (long) (dx / rng);
            double rem = dx - k * rng;
            return k % 2 == 0 ? lo + rem : hi - rem;
        }
        if (x > hi) {
            double dx = x - hi;
            long k = (long) (dx / rng);
            double rem = dx - k * rng;
            return k % 2 == 0 ? hi - rem : lo + rem;
        }
        return x;
    }
}
