package dev.onyx.kernel;

import java.util.Locale;

/** An activation function of the recurrent ops (RNN, GRU, LSTM), with its alpha and beta. */
public record RnnActivation(Kind kind, float alpha, float beta) {
    /** The functions the ONNX recurrent ops name, with how many of alpha/beta they take and their defaults. */
    public enum Kind {
        RELU(false, false, 0f, 0f), TANH(false, false, 0f, 0f), SIGMOID(false, false, 0f, 0f),
        AFFINE(true, true, 1f, 0f), LEAKYRELU(true, false, 0.01f, 0f), THRESHOLDEDRELU(true, false, 1f, 0f),
        SCALEDTANH(true, true, 1f, 1f), HARDSIGMOID(true, true, 0.2f, 0.5f), ELU(true, false, 1f, 0f),
        SOFTSIGN(false, false, 0f, 0f), SOFTPLUS(false, false, 0f, 0f);

        public final boolean usesAlpha;
        public final boolean usesBeta;
        public final float defaultAlpha;
        public final float defaultBeta;

        Kind(boolean usesAlpha, boolean usesBeta, float defaultAlpha, float defaultBeta) {
            this.usesAlpha = usesAlpha;
            this.usesBeta = usesBeta;
            this.defaultAlpha = defaultAlpha;
            this.defaultBeta = defaultBeta;
        }

        /** The kind for an ONNX activation name (case-insensitive), or null when unknown. */
        public static Kind byName(String name) {
            String n = name.toUpperCase(Locale.ROOT);
            for (Kind k : values()) if (k.name().equals(n)) return k;
            return null;
        }
    }

    public float apply(float x) {
        return switch (kind) {
            case RELU -> Math.max(0f, x);
            case TANH -> (float) StrictMath.tanh(x);
            case SIGMOID -> (float) (1.0 / (1.0 + StrictMath.exp(-x)));
            case AFFINE -> alpha * x + beta;
            case LEAKYRELU -> x >= 0 ? x : alpha * x;
            case THRESHOLDEDRELU -> x >= alpha ? x : 0f;
            case SCALEDTANH -> alpha * (float) StrictMath.tanh(beta * x);
            case HARDSIGMOID -> Math.min(Math.max(alpha * x + beta, 0f), 1f);
            case ELU -> x >= 0 ? x : alpha * (float) (StrictMath.exp(x) - 1.0);
            case SOFTSIGN -> x / (1f + Math.abs(x));
            case SOFTPLUS -> (float) (x > 30 ? x : StrictMath.log1p(StrictMath.exp(x)));
        };
    }
}
