package dev.onyx.ops.linalg;

import dev.onyx.ir.Attributes;
import dev.onyx.ir.Fact;
import dev.onyx.ir.Node;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.ops.OpFactory;
import dev.onyx.ops.OpRegistry;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Helpers to build linalg ops through the registry and compare results. */
final class LinalgTestSupport {
    private LinalgTestSupport() {}

    static Op op(String type, int opset, int inputs, Attributes attrs) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < inputs; i++) names.add("in" + i);
        return op(type, opset, names, attrs);
    }

    static Op op(String type, int opset, List<String> inputs, Attributes attrs) {
        OpFactory f = OpRegistry.standard().find("", type, opset);
        assertThat(f).as("%s registered at opset %d", type, opset).isNotNull();
        return f.create(new NodeContext(new Node("n", type, "", inputs, List.of("y"), attrs), opset));
    }

    static Tensor run(Op op, Tensor... inputs) {
        List<Tensor> in = new ArrayList<>(Arrays.asList(inputs));
        List<Tensor> out = op.run(in);
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    static Fact infer(Op op, Fact... inputs) {
        List<Fact> out = op.infer(new ArrayList<>(Arrays.asList(inputs)));
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    /** Same dtype and shape, values within rtol 1e-4 / atol 1e-5 (exact for integral types). */
    static void assertClose(Tensor actual, Tensor expected) {
        assertThat(actual.dtype()).isEqualTo(expected.dtype());
        assertThat(actual.shape()).containsExactly(expected.shape());
        for (int i = 0; i < expected.size(); i++) {
            if (expected.dtype().isIntegral()) {
                assertThat(actual.getLong(i)).as("element %d", i).isEqualTo(expected.getLong(i));
            } else {
                double e = expected.getDouble(i), a = actual.getDouble(i);
                if (Double.isNaN(e)) {
                    assertThat(a).as("element %d", i).isNaN();
                } else {
                    assertThat(Math.abs(a - e)).as("element %d: %s vs %s", i, a, e)
                            .isLessThanOrEqualTo(1e-5 + 1e-4 * Math.abs(e));
                }
            }
        }
    }

    /** numpy.matmul on doubles, for shapes already checked by MatMulShape. */
    static double[] naiveMatMul(double[] a, int[] aShape, double[] b, int[] bShape) {
        MatMulShape s = MatMulShape.of(aShape, bShape);
        double[] y = new double[s.batch() * s.m() * s.n()];
        for (int t = 0; t < s.batch(); t++) {
            for (int i = 0; i < s.m(); i++) {
                for (int j = 0; j < s.n(); j++) {
                    double sum = 0;
                    for (int p = 0; p < s.k(); p++) {
                        sum += a[s.aOffsets()[t] + i * s.k() + p] * b[s.bOffsets()[t] + p * s.n() + j];
                    }
                    y[(t * s.m() + i) * s.n() + j] = sum;
                }
            }
        }
        return y;
    }

    static double[] randomDoubles(long seed, int n) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = Math.round((r.nextDouble() * 2 - 1) * 64) / 16.0;
        return d;
    }
}
