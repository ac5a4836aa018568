package dev.onyx.importer.patterns;

import dev.onyx.Session;
import dev.onyx.SessionOptions.OptimizationLevel;
import dev.onyx.importer.ModelBuilder;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** An LSTM run chunk by chunk, feeding Y_h/Y_c back as initial_h/initial_c, equals one run on the whole sequence. */
class LstmStateFeedbackTest {
    static final int B = 2, I = 3, HS = 4;
    static final Random R = new Random(31);
    static final float[] W = scaled(Patterns.random(R, 4 * HS * I));
    static final float[] RW = scaled(Patterns.random(R, 4 * HS * HS));
    static final float[] BIAS = scaled(Patterns.random(R, 8 * HS));

    private static float[] scaled(float[] v) {
        for (int i = 0; i < v.length; i++) v[i] *= 0.5f;
        return v;
    }

    static byte[] build() {
        return ModelBuilder.create().opset(14)
                .input("x", DType.FLOAT, "seq", B, I)
                .input("h0", DType.FLOAT, 1, B, HS).input("c0", DType.FLOAT, 1, B, HS)
                .output("y", DType.FLOAT, "seq", 1, B, HS)
                .output("yh", DType.FLOAT, 1, B, HS).output("yc", DType.FLOAT, 1, B, HS)
                .initializer("w", Tensor.of(W, 1, 4 * HS, I)).initializer("r", Tensor.of(RW, 1, 4 * HS, HS))
                .initializer("b", Tensor.of(BIAS, 1, 8 * HS))
                .node("LSTM", List.of("x", "w", "r", "b", "", "h0", "c0"), List.of("y", "yh", "yc"),
                        ModelBuilder.intAttr("hidden_size", HS))
                .bytes();
    }

    private static double sigmoid(double v) { return 1 / (1 + Math.exp(-v)); }

    /** Reference LSTM (gate order i, o, f, c; default activations); h and c are updated in place; returns Y [T][B][H]. */
    static float[] reference(float[] x, int t, float[] h, float[] c) {
        float[] y = new float[t * B * HS];
        for (int step = 0; step < t; step++) {
            float[] hn = new float[B * HS], cn = new float[B * HS];
            for (int b = 0; b < B; b++)
                for (int j = 0; j < HS; j++) {
                    double[] g = new double[4];
                    for (int gate = 0; gate < 4; gate++) {
                        int row = gate * HS + j;
                        double s = BIAS[row] + BIAS[4 * HS + row];
                        for (int k = 0; k < I; k++) s += W[row * I + k] * x[(step * B + b) * I + k];
                        for (int k = 0; k < HS; k++) s += RW[row * HS + k] * h[b * HS + k];
                        g[gate] = s;
                    }
                    double in = sigmoid(g[0]), out = sigmoid(g[1]), forget = sigmoid(g[2]), cand = Math.tanh(g[3]);
                    double cell = forget * c[b * HS + j] + in * cand;
                    cn[b * HS + j] = (float) cell;
                    hn[b * HS + j] = (float) (out * Math.tanh(cell));
                }
            System.arraycopy(hn, 0, h, 0, hn.length);
            System.arraycopy(cn, 0, c, 0, cn.length);
            System.arraycopy(hn, 0, y, step * B * HS, hn.length);
        }
        return y;
    }

    @Test
    void chunkedRunsEqualOneRun() {
        byte[] model = Patterns.committed("lstm_state_feedback", build());
        int[] chunks = {3, 1, 4};
        int total = 8;
        float[] x = Patterns.random(new Random(5), total * B * I);
        float[] h = new float[B * HS], c = new float[B * HS];
        float[] expectedY = reference(x, total, h, c);
        for (OptimizationLevel level : Patterns.LEVELS) {
            try (Session s = Patterns.session(model, level)) {
                Tensor zeros = Tensor.of(new float[B * HS], 1, B, HS);
                Map<String, Tensor> whole = s.run(Map.of("x", Tensor.of(x, total, B, I), "h0", zeros, "c0", zeros));
                assertThat(whole.get("y").shape()).containsExactly(total, 1, B, HS);
                Patterns.assertClose("whole y at " + level, whole.get("y").floats(), expectedY);
                Patterns.assertClose("whole yh at " + level, whole.get("yh").floats(), h);
                Patterns.assertClose("whole yc at " + level, whole.get("yc").floats(), c);

                Tensor hState = zeros, cState = zeros;
                float[] ySoFar = new float[0];
                int start = 0;
                for (int len : chunks) {
                    float[] part = Arrays.copyOfRange(x, start * B * I, (start + len) * B * I);
                    Map<String, Tensor> out = s.run(Map.of("x", Tensor.of(part, len, B, I), "h0", hState, "c0", cState));
                    assertThat(out.get("y").shape()).containsExactly(len, 1, B, HS);
                    float[] yc = out.get("y").floats();
                    float[] joined = Arrays.copyOf(ySoFar, ySoFar.length + yc.length);
                    System.arraycopy(yc, 0, joined, ySoFar.length, yc.length);
                    ySoFar = joined;
                    hState = out.get("yh");
                    cState = out.get("yc");
                    start += len;
                }
                Patterns.assertClose("chunked y at " + level, ySoFar, whole.get("y").floats());
                Patterns.assertClose("chunked yh at " + level, hState.floats(), whole.get("yh").floats());
                Patterns.assertClose("chunked yc at " + level, cState.floats(), whole.get("yc").floats());
            }
        }
    }
}
