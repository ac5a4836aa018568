package dev.onyx.ops.seq;

import dev.onyx.InvalidModelException;
import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.onyx.ops.seq.SeqTesting.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EinsumTest {
    private static final float[] A = {-1.66f, -1.05f, 1.21f, 0.33f, -1.62f, -0.27f, -0.08f, -1.36f, 0.94f,
            -1.55f, -0.44f, 0.07f, -0.28f, 0.35f, 0.95f, 1.83f, -0.86f, 0.59f};
    private static final float[] B = {0.78f, -0.83f, -1.99f, 1.89f, -0.81f, -0.74f, 1.57f, 0.34f, -0.11f, 1.09f, -1.88f, 0.83f};

    private static Tensor einsum(String eq, Tensor... in) {
        return run1("Einsum", 12, in, s("equation", eq));
    }

    @Test
    void ellipsisBatchMatmul() {
        close(einsum("...ij,jk->...ik", Tensor.of(A, 2, 3, 3), Tensor.of(B, 3, 4)),
                new float[] {-0.5774f, 3.4737f, -0.6199f, -2.4901f, 1.5993f, 0.6306f, -2.6925f, -0.1512f, 0.9358f, 2.0974f,
                        -3.7432f, 0.1666f, -0.8603f, 1.6884f, 2.2621f, -3.021f, -0.6064f, 1.0089f, -0.6793f, 0.3783f,
                        2.0591f, -0.2394f, -6.1011f, 3.656f}, 2, 3, 4);
    }

    @Test
    void diagonalsTracesAndImplicitOutput() {
        close(einsum("...ii ->...i", Tensor.of(A, 2, 3, 3)), new float[] {-1.66f, -1.62f, 0.94f, -1.55f, 0.35f, 0.59f}, 2, 3);
        close(einsum("bii", Tensor.of(A, 2, 3, 3)), new float[] {-2.34f, -0.61f}, 2);
        // implicit output: labels seen once, sorted: "ba,ac" -> "bc"
        float[] a0 = java.util.Arrays.copyOf(A, 9);
        close(einsum("ba,ac", Tensor.of(a0, 3, 3), Tensor.of(B, 3, 4)), new float[] {-0.5774f, 3.4737f, -0.6199f, -2.4901f,
                1.5993f, 0.6306f, -2.6925f, -0.1512f, 0.9358f, 2.0974f, -3.7432f, 0.1666f}, 3, 4);
        close(einsum("i,j", Tensor.of(new float[] {1, 2}, 2), Tensor.of(new float[] {3, 4, 5}, 3)), new float[] {3, 4, 5, 6, 8, 10}, 2, 3);
        close(einsum("ij->", Tensor.of(new float[] {1, 2, 3, 4}, 2, 2)), new float[] {10});
        close(einsum("ij->ji", Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3)), new float[] {1, 4, 2, 5, 3, 6}, 3, 2);
    }

    @Test
    void integersAndDoublesKeepTheirType() {
        Tensor r = einsum("ij,j->i", Tensor.of(new long[] {1, 2, 3, 4}, 2, 2), Tensor.of(new long[] {10, 100}, 2));
        assertThat(r.dtype()).isEqualTo(DType.INT64);
        assertThat(r.longs()).containsExactly(210, 430);
        Tensor d = einsum("i,i", Tensor.of(new double[] {0.5, 2}, 2), Tensor.of(new double[] {4, 0.25}, 2));
        assertThat(d.dtype()).isEqualTo(DType.DOUBLE);
        assertThat(d.doubles()).containsExactly(2.5);
    }

    @Test
    void broadcastsEllipsisDims() {
        Tensor r = einsum("...i,...i->...", Tensor.of(new float[] {1, 2, 3, 4}, 2, 2), Tensor.of(new float[] {1, 1}, 1, 2));
        close(r, new float[] {3, 7}, 2);
    }

    @Test
    void infersAndRejects() {
        var op = create("Einsum", 12, dummies(2), 1, s("equation", "bij,bjk->bik"));
        List<Fact> f = op.infer(List.of(Fact.of(DType.FLOAT, List.of(Dim.symbol("N"), Dim.of(2), Dim.of(3))), Fact.of(DType.FLOAT, 1, 3, 5)));
        assertThat(f.get(0).describe()).isEqualTo("float32 [N,2,5]");
        assertThatThrownBy(() -> create("Einsum", 12, dummies(1), 1, s("equation", "ij->k")))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("'k'");
        assertThatThrownBy(() -> create("Einsum", 12, dummies(1), 1, s("equation", "ij,jk")))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("2 operands");
        assertThatThrownBy(() -> einsum("ij,jk", Tensor.of(new float[6], 2, 3), Tensor.of(new float[8], 2, 4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label 'j'");
    }
}
