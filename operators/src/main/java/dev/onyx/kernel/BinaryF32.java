package dev.onyx.kernel;

/**
 * Float32 binary loops for the hot arithmetic ops over one broadcast row (steps 0 or 1), written
 * as plain loops the JIT vectorizes.
 */
public final class BinaryF32 {
    private BinaryF32() {}

    /** The ops with dedicated loops. */
    public enum Op { ADD, SUB, MUL, DIV, MAX, MIN }

    /** A float function of two floats, for the ops without a dedicated loop. */
    @FunctionalInterface
    public interface Fn {
        float apply(float a, float b);
    }

    /** out[o..o+n) = a op b with a and b read at steps as (0 or 1) and bs. */
    public static void row(Op op, float[] a, int ao, int as, float[] b, int bo, int bs, float[] out, int o, int n) {
        if (as == 1 && bs == 1) {
            switch (op) {
                case ADD -> { for (int i = 0; i < n; i++) out[o + i] = a[ao + i] + b[bo + i]; }
                case SUB -> { for (int i = 0; i < n; i++) out[o + i] = a[ao + i] - b[bo + i]; }
                case MUL -> { for (int i = 0; i < n; i++) out[o + i] = a[ao + i] * b[bo + i]; }
                case DIV -> { for (int i = 0; i < n; i++) out[o + i] = a[ao + i] / b[bo + i]; }
                case MAX -> { for (int i = 0; i < n; i++) out[o + i] = Math.max(a[ao + i], b[bo + i]); }
                case MIN -> { for (int i = 0; i < n; i++) out[o + i] = Math.min(a[ao + i], b[bo + i]); }
            }
        } else if (as == 1 && bs == 0) {
            float y = b[bo];
            switch (op) {
                case ADD -> { for (int i = 0; i < n; i++) out[o + i] = a[ao + i] + y; }
                case SUB -> { for (int i = 0; i < n; i++) out[o + i] = a[ao + i] - y; }
                case MUL -> { for (int i = 0; i < n; i++) out[o + i] = a[ao + i] * y; }
                case DIV -> { for (int i = 0; i < n; i++) out[o + i] = a[ao + i] / y; }
                case MAX -> { for (int i = 0; i < n; i++) out[o + i] = Math.max(a[ao + i], y); }
                case MIN -> { for (int i = 0; i < n; i++) out[o + i] = Math.min(a[ao + i], y); }
            }
        } else if (as == 0 && bs == 1) {
            float x = a[ao];
            switch (op) {
                case ADD -> { for (int i = 0; i < n; i++) out[o + i] = x + b[bo + i]; }
                case SUB -> { for (int i = 0; i < n; i++) out[o + i] = x - b[bo + i]; }
                case MUL -> { for (int i = 0; i < n; i++) out[o + i] = x * b[bo + i]; }
                case DIV -> { for (int i = 0; i < n; i++) out[o + i] = x / b[bo + i]; }
                case MAX -> { for (int i = 0; i < n; i++) out[o + i] = Math.max(x, b[bo + i]); }
                case MIN -> { for (int i = 0; i < n; i++) out[o + i] = Math.min(x, b[bo + i]); }
            }
        } else {
            for (int i = 0; i < n; i++) out[o + i] = scalar(op, a[ao + i * as], b[bo + i * bs]);
        }
    }

    /** The op on one pair. */
    public static float scalar(Op op, float x, float y) {
        return switch (op) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case DIV -> x / y;
            case MAX -> Math.max(x, y);
            case MIN -> Math.min(x, y);
        };
    }

    /** out[o..o+n) = f(a, b) for a function without a dedicated loop. */
    public static void row(Fn f, float[] a, int ao, int as, float[] b, int bo, int bs, float[] out, int o, int n) {
        for (int i = 0; i < n; i++) out[o + i] = f.apply(a[ao + i * as], b[bo + i * bs]);
    }

    /** Elementwise op over two float arrays broadcast to {@code outShape}. */
    public static float[] apply(Op op, float[] a, int[] aShape, float[] b, int[] bShape, int[] outShape) {
        float[] out = new float[dev.onyx.tensor.Shapes.size(outShape)];
        Broadcast.rows2(outShape, aShape, bShape, (ao, as, bo, bs, o, n) -> row(op, a, ao, as, b, bo, bs, out, o, n));
        return out;
    }
}
