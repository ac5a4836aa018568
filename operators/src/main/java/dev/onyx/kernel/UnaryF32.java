package dev.onyx.kernel;

/** Float32 loops for the hot activations, plain loops over whole arrays. */
public final class UnaryF32 {
    private UnaryF32() {}

    /** A float function of one float. */
    @FunctionalInterface
    public interface Fn {
        float apply(float x);
    }

    public static void map(Fn f, float[] x, float[] out) {
        for (int i = 0; i < x.length; i++) out[i] = f.apply(x[i]);
    }

    public static void relu(float[] x, float[] out) {
        for (int i = 0; i < x.length; i++) out[i] = Math.max(x[i], 0f);
    }

    public static void leakyRelu(float[] x, float alpha, float[] out) {
        for (int i = 0; i < x.length; i++) {
            float v = x[i];
            out[i] = v < 0 ? v * alpha : v;
        }
    }

    /** min(max(x, lo), hi) (hi wins when lo &gt; hi); NaN stays NaN. */
    public static void clip(float[] x, float lo, float hi, float[] out) {
        for (int i = 0; i < x.length; i++) {
            float v = x[i] < lo ? lo : x[i];
            out[i] = v > hi ? hi : v;
        }
    }

    public static void sigmoid(float[] x, float[] out) {
        for (int i = 0; i < x.length; i++) out[i] = sigmoid(x[i]);
    }

    /** Logistic function, without overflow for large |x|. */
    public static float sigmoid(float x) {
        if (x >= 0) return (float) (1.0 / (1.0 + StrictMath.exp(-x)));
        double e = StrictMath.exp(x);
        return (float) (e / (1.0 + e));
    }

    public static void tanh(float[] x, float[] out) {
        for (int i = 0; i < x.length; i++) out[i] = (float) StrictMath.tanh(x[i]);
    }

    public static void hardSigmoid(float[] x, float alpha, float beta, float[] out) {
        for (int i = 0; i < x.length; i++) out[i] = Math.max(0f, Math.min(1f, alpha * x[i] + beta));
    }

    public static void hardSwish(float[] x, float[] out) {
        for (int i = 0; i < x.length; i++) {
            float v = x[i];
            out[i] = v * Math.max(0f, Math.min(1f, v / 6f + 0.5f));
        }
    }
}
