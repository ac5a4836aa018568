package dev.onyx.ops.misc;

import dev.onyx.ir.Attribute;
import dev.onyx.ir.Fact;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.onyx.ops.misc.Harness.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RandomOpsTest {
    private static double mean(Tensor t) {
        double s = 0;
        for (int i = 0; i < t.size(); i++) s += t.getDouble(i);
        return s / t.size();
    }

    private static double var(Tensor t) {
        double m = mean(t), s = 0;
        for (int i = 0; i < t.size(); i++) s += (t.getDouble(i) - m) * (t.getDouble(i) - m);
        return s / t.size();
    }

    @Test
    void normalHasTheAskedMomentsAndSeedRepeats() {
        Op op = op("RandomNormal", 22, 0, ints("shape", 200, 100), Attribute.ofFloat("mean", 3f), Attribute.ofFloat("scale", 2f),
                Attribute.ofFloat("seed", 5f), Attribute.ofInt("dtype", 11));
        Tensor a = run1(op);
        assertThat(a.dtype()).isEqualTo(DType.DOUBLE);
        assertThat(a.shape()).containsExactly(200, 100);
        assertThat(mean(a)).isCloseTo(3, within(0.1));
        assertThat(var(a)).isCloseTo(4, within(0.2));
        assertThat(run1(op)).isEqualTo(a);
        assertThat(op.infer(List.of()).get(0).staticShape()).containsExactly(200, 100);
    }

    @Test
    void uniformLikeStaysInRange() {
        Op op = op("RandomUniformLike", 22, 1, Attribute.ofFloat("low", -1f), Attribute.ofFloat("high", 3f));
        Tensor a = run1(op, Tensor.zeros(DType.FLOAT, 100, 100));
        assertThat(a.dtype()).isEqualTo(DType.FLOAT);
        for (float v : a.floats()) assertThat(v).isBetween(-1f, 3f);
        assertThat(mean(a)).isCloseTo(1, within(0.1));
        assertThat(var(a)).isCloseTo(16.0 / 12, within(0.1));
        Tensor b = run1(op, Tensor.zeros(DType.FLOAT, 100, 100));
        assertThat(b).isNotEqualTo(a);
        Tensor h = run1(op("RandomNormalLike", 22, 1, Attribute.ofInt("dtype", 10)), Tensor.zeros(DType.FLOAT, 3));
        assertThat(h.dtype()).isEqualTo(DType.FLOAT16);
        assertThat(op("RandomUniform", 1, 0, ints("shape", 2, 3)).infer(List.of()).get(0).dtype()).isEqualTo(DType.FLOAT);
    }

    @Test
    void bernoulliFollowsProbabilities() {
        float[] p = new float[20000];
        for (int i = 0; i < p.length; i++) p[i] = i % 2 == 0 ? 0f : (i % 4 == 1 ? 1f : 0.3f);
        Tensor y = run1(op("Bernoulli", 15, 1, Attribute.ofInt("dtype", 9)), Tensor.of(p, p.length));
        assertThat(y.dtype()).isEqualTo(DType.BOOL);
        boolean[] b = y.booleans();
        int ones = 0, n03 = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] == 0f) assertThat(b[i]).isFalse();
            else if (p[i] == 1f) assertThat(b[i]).isTrue();
            else { n03++; if (b[i]) ones++; }
        }
        assertThat((double) ones / n03).isCloseTo(0.3, within(0.03));
        Tensor d = run1(op("Bernoulli", 15, 1, Attribute.ofFloat("seed", 1f)), Tensor.of(new double[] {0.5, 0.5}, 2));
        assertThat(d.dtype()).isEqualTo(DType.DOUBLE);
        assertThat(run1(op("Bernoulli", 15, 1, Attribute.ofFloat("seed", 1f)), Tensor.of(new double[] {0.5, 0.5}, 2))).isEqualTo(d);
    }

    @Test
    void multinomialSamplesBySoftmax() {
        // log-probabilities of 0.25, 0.75 and ~0
        float[] x = {(float) Math.log(0.25), (float) Math.log(0.75), -100f};
        Op op = op("Multinomial", 7, 1, Attribute.ofInt("sample_size", 10000), Attribute.ofInt("dtype", 7));
        Tensor y = run1(op, Tensor.of(x, 1, 3));
        assertThat(y.dtype()).isEqualTo(DType.INT64);
        assertThat(y.shape()).containsExactly(1, 10000);
        long ones = 0;
        for (long v : y.longs()) {
            assertThat(v).isBetween(0L, 1L);
            ones += v;
        }
        assertThat(ones / 10000.0).isCloseTo(0.75, within(0.03));
        Fact f = op.infer(List.of(Fact.of(DType.FLOAT, 4, 3))).get(0);
        assertThat(f.staticShape()).containsExactly(4, 10000);
        assertThat(run1(op("Multinomial", 7, 1), Tensor.of(x, 1, 3)).dtype()).isEqualTo(DType.INT32);
    }
}
