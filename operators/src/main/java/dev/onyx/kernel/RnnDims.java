package dev.onyx.kernel;

/**
 * Sizes and shared options of one direction of a recurrent layer, time-major: X is [seq, batch, input].
 * {@code lens} (per batch entry, may be null) ends each sequence early; {@code clip} bounds gate inputs
 * to [-clip, clip] when positive.
 */
public record RnnDims(int seq, int batch, int input, int hidden, int[] lens, float clip) {
    /** True when step t lies within batch entry b's sequence. */
    public boolean active(int t, int b) {
        return lens == null || t < lens[b];
    }

    /** The clipped gate input. */
    public float clip(float v) {
        if (clip <= 0f) return v;
        return v > clip ? clip : (v < -clip ? -clip : v);
    }

    /** X times W^T for every step at once: [seq*batch, gates*hidden]; W (gates*hidden x input) starts at wOff. */
    float[] project(float[] x, float[] w, int wOff, int gates) {
        int rows = seq * batch, cols = gates * hidden;
        float[] out = new float[rows * cols];
        if (rows > 0 && input > 0) {
            Sgemm.sgemm(false, true, rows, cols, input, 1f, x, 0, input, w, wOff, input, 0f, out, 0, cols);
        }
        return out;
    }

    /** Adds bias[bOff + k] (+ bias[bOff + second + k] when second >= 0) to column k < n of every row of width cols. */
    static void addBias(float[] rows, int cols, int n, float[] bias, int bOff, int second) {
        if (bias == null) return;
        float[] b = new float[n];
        for (int k = 0; k < n; k++) b[k] = bias[bOff + k] + (second >= 0 ? bias[bOff + second + k] : 0f);
        for (int r = 0; r < rows.length; r += cols) {
            for (int k = 0; k < n; k++) rows[r + k] += b[k];
        }
    }
}
