package dev.onyx.ops.linalg;

import dev.onyx.ir.Attribute;
import dev.onyx.ir.Attributes;
import dev.onyx.ir.Node;
import dev.onyx.kernel.Parallel;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.ops.OpRegistry;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Gemm and MatMul with a constant B (packed when the op is created) give the same bits as with B computed at run time. */
class ConstantWeightsTest {
    private static Tensor random(SplittableRandom r, int... shape) {
        int n = 1;
        for (int d : shape) n *= d;
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (r.nextDouble() * 2 - 1);
        return Tensor.of(v, shape);
    }

    private static Op create(String type, int inputs, Attributes attrs, Tensor constantB) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < inputs; i++) names.add("in" + i);
        Node node = new Node("n", type, "", names, List.of("y"), attrs);
        return OpRegistry.standard().find("", type, 13).create(new NodeContext(node, 13, i -> i == 1 ? constantB : null));
    }

    private static Tensor run(Op op, Parallel par, Tensor... in) {
        return par.with(() -> op.run(new ArrayList<>(List.of(in))).get(0));
    }

    @Test
    void gemmWithConstantBSameBits() {
        SplittableRandom r = new SplittableRandom(3);
        int[][] shapes = {{1, 7, 5}, {3, 17, 33}, {70, 45, 61}, {130, 300, 270}, {2, 1000, 64}};
        try (Parallel two = Parallel.create(2)) {
            for (int[] s : shapes) {
                int m = s[0], n = s[1], k = s[2];
                for (int t = 0; t < 4; t++) {
                    boolean tA = (t & 2) != 0, tB = (t & 1) != 0;
                    Attributes at = Attributes.of(Attribute.ofInt("transA", tA ? 1 : 0), Attribute.ofInt("transB", tB ? 1 : 0),
                            Attribute.ofFloat("alpha", 1.5f), Attribute.ofFloat("beta", 0.5f));
                    Tensor a = tA ? random(r, k, m) : random(r, m, k);
                    Tensor b = tB ? random(r, n, k) : random(r, k, n);
                    Tensor c = random(r, n);
                    Op plain = create("Gemm", 3, at, null);
                    Op constant = create("Gemm", 3, at, b);
                    Tensor expected = run(plain, Parallel.serial(), a, b, c);
                    String what = String.format("Gemm %dx%dx%d tA=%b tB=%b", m, n, k, tA, tB);
                    assertThat((float[]) run(constant, Parallel.serial(), a, b, c).storage()).as(what)
                            .containsExactly((float[]) expected.storage());
                    assertThat((float[]) run(constant, two, a, b, c).storage()).as(what + " 2 threads")
                            .containsExactly((float[]) expected.storage());
                    // another B than the constant one (same shape) is used as given
                    Tensor b2 = tB ? random(r, n, k) : random(r, k, n);
                    assertThat((float[]) run(constant, Parallel.serial(), a, b2, c).storage()).as(what + " other B")
                            .containsExactly((float[]) run(plain, Parallel.serial(), a, b2, c).storage());
                }
            }
        }
        // values against a reference loop for one case
        Tensor a = random(r, 5, 9), b = random(r, 9, 6);
        Tensor y = run(create("Gemm", 2, Attributes.EMPTY, b), Parallel.serial(), a, b);
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 6; j++) {
                double sum = 0;
                for (int p = 0; p < 9; p++) sum += a.getDouble(i * 9 + p) * b.getDouble(p * 6 + j);
                assertThat(y.getDouble(i * 6 + j)).isCloseTo(sum, org.assertj.core.data.Offset.offset(1e-5));
            }
        }
    }

    @Test
    void matMulWithConstantBSameBits() {
        SplittableRandom r = new SplittableRandom(4);
        int[][] aShapes = {{5}, {3, 17}, {2, 3, 40}, {4, 1, 33}, {2, 70, 200}};
        int[][] bShapes = {{5, 9}, {17, 64}, {40, 19}, {33, 50}, {200, 300}};
        try (Parallel two = Parallel.create(2)) {
            for (int i = 0; i < aShapes.length; i++) {
                Tensor a = random(r, aShapes[i]), b = random(r, bShapes[i]);
                Tensor expected = run(create("MatMul", 2, Attributes.EMPTY, null), Parallel.serial(), a, b);
                Op constant = create("MatMul", 2, Attributes.EMPTY, b);
                Tensor y1 = run(constant, Parallel.serial(), a, b);
                Tensor y2 = run(constant, two, a, b);
                assertThat(y1.shape()).containsExactly(expected.shape());
                assertThat((float[]) y1.storage()).as("MatMul case %d", i).containsExactly((float[]) expected.storage());
                assertThat((float[]) y2.storage()).as("MatMul case %d, 2 threads", i).containsExactly((float[]) expected.storage());
            }
        }
    }
}
