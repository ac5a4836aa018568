package dev.onyx.kernel;

/** Global pooling: one average, maximum or Lp norm per plane of {@code size} contiguous elements. */
public final class PoolGlobal {
    private PoolGlobal() {}

    public static void average(float[] x, float[] y, int planes, int size) {
        for (int c = 0, o = 0; c < planes; c++, o += size) {
            double s = 0;
            for (int i = 0; i < size; i++) s += x[o + i];
            y[c] = (float) (s / size);
        }
    }

    public static void max(float[] x, float[] y, int planes, int size) {
        for (int c = 0, o = 0; c < planes; c++, o += size) {
            float m = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < size; i++) if (x[o + i] > m) m = x[o + i];
            y[c] = m;
        }
    }

    public static void lp(float[] x, float[] y, int planes, int size, double p) {
        for (int c = 0, o = 0; c < planes; c++, o += size) {
            double s = 0;
            for (int i = 0; i < size; i++) s += p == 2 ? (double) x[o + i] * x[o + i] : StrictMath.pow(Math.abs(x[o + i]), p);
            y[c] = (float) (p == 2 ? Math.sqrt(s) : StrictMath.pow(s, 1 / p));
        }
    }

    public static void average(double[] x, double[] y, int planes, int size) {
        for (int c = 0, o = 0; c < planes; c++, o += size) {
            double s = 0;
            for (int i = 0; i < size; i++) s += x[o + i];
            y[c] = s / size;
        }
    }

    public static void max(double[] x, double[] y, int planes, int size) {
        for (int c = 0, o = 0; c < planes; c++, o += size) {
            double m = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < size; i++) if (x[o + i] > m) m = x[o + i];
            y[c] = m;
        }
    }

    public static void lp(double[] x, double[] y, int planes, int size, double p) {
        for (int c = 0, o = 0; c < planes; c++, o += size) {
            double s = 0;
            for (int i = 0; i < size; i++) s += p == 2 ? x[o + i] * x[o + i] : StrictMath.pow(Math.abs(x[o + i]), p);
            y[c] = p == 2 ? Math.sqrt(s) : StrictMath.pow(s, 1 / p);
        }
    }
}
