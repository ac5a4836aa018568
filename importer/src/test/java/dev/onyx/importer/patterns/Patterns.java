package dev.onyx.importer.patterns;

import dev.onyx.Onnx;
import dev.onyx.Session;
import dev.onyx.SessionOptions;
import dev.onyx.SessionOptions.OptimizationLevel;
import dev.onyx.tensor.Tensor;
import org.assertj.core.data.Offset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Shared helpers of the pattern tests: committed model resources, sessions per level, reference loops. */
final class Patterns {
    static final String REGENERATE = "onyx.patterns.regenerate";
    static final OptimizationLevel[] LEVELS = {OptimizationLevel.NONE, OptimizationLevel.ALL};

    private Patterns() {}

    /**
     * The committed model resource {@code name}.onnx, checked to equal the builder's bytes; with
     * -Donyx.patterns.regenerate=true the resource is (re)written from the builder first.
     */
    static byte[] committed(String name, byte[] built) {
        String file = name + ".onnx";
        if (Boolean.getBoolean(REGENERATE)) {
            Path p = Path.of("src/test/resources/dev/onyx/importer/patterns", file);
            try {
                Files.createDirectories(p.getParent());
                Files.write(p, built);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return built;
        }
        try (InputStream in = Patterns.class.getResourceAsStream(file)) {
            assertThat(in).as("committed resource %s (regenerate with -D%s=true)", file, REGENERATE).isNotNull();
            byte[] bytes = in.readAllBytes();
            assertThat(bytes).as("committed %s equals what the builder makes", file).isEqualTo(built);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Session session(byte[] model, OptimizationLevel level) {
        return Onnx.load(model, SessionOptions.defaults().withOptimizationLevel(level));
    }

    static float[] random(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) r.nextGaussian();
        return v;
    }

    static Tensor randomTensor(Random r, int... shape) {
        int n = 1;
        for (int d : shape) n *= d;
        return Tensor.of(random(r, n), shape);
    }

    static void assertClose(String what, float[] actual, float[] expected) {
        assertThat(actual).as(what + " size").hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) actual[i]).as("%s[%d]", what, i)
                    .isCloseTo(expected[i], Offset.offset(1e-5 + 1e-4 * Math.abs(expected[i])));
        }
    }

    /** NCHW conv, stride 1, symmetric zero padding pad, weights [M][C][K][K], bias may be null. */
    static float[] conv(float[] x, int n, int c, int h, int w, float[] wt, float[] bias, int m, int k, int pad) {
        int oh = h + 2 * pad - k + 1, ow = w + 2 * pad - k + 1;
        float[] y = new float[n * m * oh * ow];
        for (int b = 0; b < n; b++)
            for (int o = 0; o < m; o++)
                for (int i = 0; i < oh; i++)
                    for (int j = 0; j < ow; j++) {
                        double s = bias == null ? 0 : bias[o];
                        for (int ci = 0; ci < c; ci++)
                            for (int ki = 0; ki < k; ki++)
                                for (int kj = 0; kj < k; kj++) {
                                    int yi = i + ki - pad, xj = j + kj - pad;
                                    if (yi < 0 || yi >= h || xj < 0 || xj >= w) continue;
                                    s += x[((b * c + ci) * h + yi) * w + xj] * wt[((o * c + ci) * k + ki) * k + kj];
                                }
                        y[((b * m + o) * oh + i) * ow + j] = (float) s;
                    }
        return y;
    }

    static float[] relu(float[] x) {
        float[] y = x.clone();
        for (int i = 0; i < y.length; i++) y[i] = Math.max(0f, y[i]);
        return y;
    }

    /** y[n][j] = bias[j] + sum_i x[n][i] * w[i][j] (w is [in][out]). */
    static float[] dense(float[] x, int n, int in, float[] w, float[] bias, int out) {
        float[] y = new float[n * out];
        for (int b = 0; b < n; b++)
            for (int j = 0; j < out; j++) {
                double s = bias[j];
                for (int i = 0; i < in; i++) s += x[b * in + i] * w[i * out + j];
                y[b * out + j] = (float) s;
            }
        return y;
    }
}
