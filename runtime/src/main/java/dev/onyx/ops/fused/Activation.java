package dev.onyx.ops.fused;

import dev.onyx.InvalidModelException;

/**
 * An activation applied in place to a float32 output, as the epilogue of a fused node. Each
 * matches its ONNX operator exactly (same formula, same parameter defaults).
 */
public enum Activation {
    NONE, RELU, LEAKY_RELU, CLIP, SIGMOID, TANH, HARD_SIGMOID, HARD_SWISH, SILU;

    /** The fused-node attribute value for this activation ("Relu", "Clip"...). */
    public String onnxName() {
        return switch (this) {
            case NONE -> "";
            case RELU -> "Relu";
            case LEAKY_RELU -> "LeakyRelu";
            case CLIP -> "Clip";
            case SIGMOID -> "Sigmoid";
            case TANH -> "Tanh";
            case HARD_SIGMOID -> "HardSigmoid";
            case HARD_SWISH -> "HardSwish";
            case SILU -> "SiLU";
        };
    }

    public static Activation fromName(String name) {
        for (Activation a : values()) if (a.onnxName().equals(name)) return a;
        throw new InvalidModelException("unknown fused activation '" + name + "'");
    }

    /** Applies to a[from, to). params: LeakyRelu {alpha}, Clip {min, max}, HardSigmoid {alpha, beta}. */
    public void apply(float[] a, int from, int to, float[] params) {
        switch (this) {
            case NONE -> { }
            case RELU -> {
                // Math.max is branch-free (a data-dependent branch mispredicts on half the values), as in the Relu op
                for (int i = from; i < to; i++) a[i] = Math.max(a[i], 0f);
            }
            case LEAKY_RELU -> {
                float alpha = params[0];
                for (int i = from; i < to; i++) a[i] = a[i] < 0f ? a[i] * alpha : a[i];
            }
            case CLIP -> {
                float lo = params[0];
                float hi = params[1];
                // branch-free; NaN stays NaN, hi wins when lo > hi
                for (int i = from; i < to; i++) a[i] = Math.min(Math.max(a[i], lo), hi);
            }
            case SIGMOID -> {
                for (int i = from; i < to; i++) a[i] = sigmoid(a[i]);
            }
            case TANH -> {
                for (int i = from; i < to; i++) a[i] = (float) StrictMath.tanh(a[i]);
            }
            case HARD_SIGMOID -> {
                float alpha = params[0];
                float beta = params[1];
                for (int i = from; i < to; i++) a[i] = Math.max(0f, Math.min(1f, alpha * a[i] + beta));
            }
            case HARD_SWISH -> {
                for (int i = from; i < to; i++) a[i] = a[i] * Math.max(0f, Math.min(1f, a[i] / 6f + 0.5f));
            }
            case SILU -> {
                for (int i = from; i < to; i++) a[i] = a[i] * sigmoid(a[i]);
            }
        }
    }

    private static float sigmoid(float x) {
        return x >= 0 ? (float) (1.0 / (1.0 + StrictMath.exp(-x))) : (float) (StrictMath.exp(x) / (1.0 + StrictMath.exp(x)));
    }
}
