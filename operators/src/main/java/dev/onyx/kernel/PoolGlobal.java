package dev.onyx.kernel;

/** Global pooling: one average, maximum or Lp norm per plane of {@code size} contiguous elements. */
public final class PoolGlobal {
    private PoolGlobal() {}

    /**
     * y[c] = (float) (sum / size), the sum in double, element by element in order, per plane. Eight planes
     * run side by side (eight independent chains of additions instead of one), each in the same order.
     */
    public static void average(float[] x, float[] y, int planes, int size) {
        int c = 0;
        for (; c + 8 <= planes; c += 8) {
            int o0 = c * size, o1 = o0 + size, o2 = o1 + size, o3 = o2 + size;
            int o4 = o3 + size, o5 = o4 + size, o6 = o5 + size, o7 = o6 + size;
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
            for (int i = 0; i < size; i++) {
                s0 += x[o0 + i];
                s1 += x[o1 + i];
                s2 += x[o2 + i];
                s3 += x[o3 + i];
                s4 += x[o4 + i];
                s5 += x[o5 + i];
                s6 += x[o6 + i];
                s7 += x[o7 + i];
            }
            y[c] = (float) (s0 / size);
            y[c + 1] = (float) (s1 / size);
            y[c + 2] = (float) (s2 / size);
            y[c + 3] = (float) (s3 / size);
            y[c + 4] = (float) (s4 / size);
            y[c + 5] = (float) (s5 / size);
            y[c + 6] = (float) (s6 / size);
            y[c + 7] = (float) (s7 / size);
        }
        for (int o = c * size; c < planes; c++, o += size) {
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
