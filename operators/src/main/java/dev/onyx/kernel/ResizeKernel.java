package dev.onyx.kernel;

/**
 * Separable resampling along one axis for ONNX Resize/Upsample: coordinate transforms, nearest index maps
 * and linear/cubic (optionally antialiased) tap weights, applied to row-major double arrays.
 */
public final class ResizeKernel {
    private ResizeKernel() {}

    /** How an output coordinate maps back to an input coordinate. */
    public enum Coord { HALF_PIXEL, HALF_PIXEL_SYMMETRIC, PYTORCH_HALF_PIXEL, ALIGN_CORNERS, ASYMMETRIC, TF_HALF_PIXEL_FOR_NN, TF_CROP_AND_RESIZE }

    /** How nearest mode rounds; SIMPLE is the pre-opset-11 rule (ceil when downsampling, floor otherwise). */
    public enum Rounding { ROUND_PREFER_FLOOR, ROUND_PREFER_CEIL, FLOOR, CEIL, SIMPLE }

    /** Interpolating filters. */
    public enum Filter { LINEAR, CUBIC }

    /**
     * The input coordinate of output index x on an axis of inLen inputs resized by scale to outLen outputs;
     * roiStart/roiEnd are only used by TF_CROP_AND_RESIZE.
     */
    public static double original(Coord c, int x, double scale, int inLen, int outLen, double roiStart, double roiEnd) {
        double outWidth = scale * inLen;
        return switch (c) {
            case HALF_PIXEL -> (x + 0.5) / scale - 0.5;
            case HALF_PIXEL_SYMMETRIC -> {
                double adjustment = outLen / outWidth;
                double offset = inLen / 2.0 * (1 - adjustment);
                yield offset + (x + 0.5) / scale - 0.5;
            }
            case PYTORCH_HALF_PIXEL -> outWidth == 1 ? -0.5 : (x + 0.5) / scale - 0.5;
            case ALIGN_CORNERS -> outWidth == 1 ? 0.0 : x * (double) (inLen - 1) / (outWidth - 1);
            case ASYMMETRIC -> x / scale;
            case TF_HALF_PIXEL_FOR_NN -> (x + 0.5) / scale;
            case TF_CROP_AND_RESIZE -> {
                double v = outWidth == 1 ? (roiEnd - roiStart) * (inLen - 1) / 2
                        : x * (roiEnd - roiStart) * (inLen - 1) / (outWidth - 1);
                yield v + roiStart * (inLen - 1);
            }
        };
    }

    private static boolean outside(Coord c, double xo, int inLen) {
        return c == Coord.TF_CROP_AND_RESIZE && (xo < 0 || xo > inLen - 1);
    }

    /**
     * For nearest mode: the input index of each output index, clamped to [0, inLen), or -1 where
     * tf_crop_and_resize falls outside the input (the extrapolation value goes there).
     */
    public static int[] nearest(Coord c, Rounding r, double scale, int inLen, int outLen, double roiStart, double roiEnd) {
        int[] idx = new int[outLen];
        for (int x = 0; x < outLen; x++) {
            double xo = original(c, x, scale, inLen, outLen, roiStart, roiEnd);
            if (outside(c, xo, inLen)) {
                idx[x] = -1;
                continue;
            }
            double fl = Math.floor(xo);
            long i;
            if (r == Rounding.SIMPLE) {
                i = scale < 1 ? (long) Math.ceil(xo) : (long) xo;
            } else if (fl == xo) {
                i = (long) xo;
            } else {
                double ratio = xo - fl;
                boolean up = switch (r) {
                    case ROUND_PREFER_FLOOR -> ratio > 0.5;
                    case ROUND_PREFER_CEIL -> ratio >= 0.5;
                    case FLOOR -> false;
                    default -> true;
                };
                i = (long) fl + (up ? 1 : 0);
            }
            idx[x] = (int) Math.max(0, Math.min(inLen - 1, i));
        }
        return idx;
    }

    /**
     * Tap tables of one axis: output index x reads inputs index[x*taps + t] (already clamped) with
     * weight[x*taps + t]; outside[x] marks tf_crop_and_resize extrapolation (null when none).
     */
    public record Taps(int inLen, int outLen, int taps, int[] index, double[] weight, boolean[] outside) {}

    /** The taps of a linear or cubic resampling of one axis. */
    public static Taps taps(Filter f, boolean antialias, double cubicA, boolean excludeOutside, Coord c, double scale,
                            int inLen, int outLen, double roiStart, double roiEnd) {
        double s = antialias ? Math.min(scale, 1.0) : 1.0;
        int start;
        if (f == Filter.LINEAR) start = antialias ? (int) Math.floor(-1 / s) + 1 : 0;
        else start = antialias ? (int) Math.floor(-2 / s) + 1 : -1;
        int n = 2 - 2 * start;
        if (n > 1 << 16) throw new IllegalArgumentException("antialias filter of " + n + " taps is too wide (scale " + scale + ")");
        int[] index = new int[Math.multiplyExact(outLen, n)];
        double[] weight = new double[index.length];
        boolean[] out = null;
        for (int x = 0; x < outLen; x++) {
            double xo = original(c, x, scale, inLen, outLen, roiStart, roiEnd);
            if (outside(c, xo, inLen)) {
                if (out == null) out = new boolean[outLen];
                out[x] = true;
                continue;
            }
            double fl = Math.floor(xo);
            long base;
            double ratio;
            if (fl == xo) {
                base = (long) xo - 1;
                ratio = 1;
            } else {
                base = (long) fl;
                ratio = xo - fl;
            }
            double sum = 0;
            for (int t = 0; t < n; t++) {
                int i = start + t;
                double w;
                if (f == Filter.LINEAR) {
                    w = antialias ? Math.max(0, Math.min(1, 1 - Math.abs((i - ratio) * s)))
                            : (t == 0 ? 1 - ratio : ratio);
                } else {
                    w = antialias ? cubic(s * (i - ratio), cubicA) : cubicCoeff(t, ratio, cubicA);
                }
                long src = base + i;
                if (excludeOutside && (src < 0 || src >= inLen)) w = 0;
                weight[x * n + t] = w;
                index[x * n + t] = (int) Math.max(0, Math.min(inLen - 1, src));
                sum += w;
            }
            if (antialias || excludeOutside) {
                for (int t = 0; t < n; t++) weight[x * n + t] /= sum;
            }
        }
        return new Taps(inLen, outLen, n, index, weight, out);
    }

    private static double cubicCoeff(int t, double r, double a) {
        return switch (t) {
            case 0 -> ((a * (r + 1) - 5 * a) * (r + 1) + 8 * a) * (r + 1) - 4 * a;
            case 1 -> ((a + 2) * r - (a + 3)) * r * r + 1;
            case 2 -> ((a + 2) * (1 - r) - (a + 3)) * (1 - r) * (1 - r) + 1;
            default -> ((a * ((1 - r) + 1) - 5 * a) * ((1 - r) + 1) + 8 * a) * ((1 - r) + 1) - 4 * a;
        };
    }

    private static double cubic(double x, double a) {
        x = Math.abs(x);
        double x2 = x * x, x3 = x * x2;
        if (x <= 1) return (a + 2) * x3 - (a + 3) * x2 + 1;
        if (x < 2) return a * x3 - 5 * a * x2 + 8 * a * x - 4 * a;
        return 0;
    }

    /** Resamples src viewed as [outer, inLen, inner] along its middle axis; returns [outer, outLen, inner]. */
    public static double[] apply(double[] src, int outer, int inner, Taps t, double extrapolation) {
        int inLen = t.inLen(), outLen = t.outLen(), n = t.taps();
        double[] dst = new double[Math.multiplyExact(Math.multiplyExact(outer, outLen), inner)];
        int[] index = t.index();
        double[] weight = t.weight();
        boolean[] out = t.outside();
        for (int o = 0; o < outer; o++) {
            int sb = o * inLen * inner;
            for (int x = 0; x < outLen; x++) {
                int db = (o * outLen + x) * inner;
                if (out != null && out[x]) {
                    java.util.Arrays.fill(dst, db, db + inner, extrapolation);
                    continue;
                }
                for (int k = 0; k < n; k++) {
                    double w = weight[x * n + k];
                    if (w == 0) continue;
                    int s = sb + index[x * n + k] * inner;
                    for (int j = 0; j < inner; j++) dst[db + j] += w * src[s + j];
                }
            }
        }
        return dst;
    }
}
