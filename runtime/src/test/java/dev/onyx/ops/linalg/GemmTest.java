package dev.onyx.ops.linalg;

import dev.onyx.InvalidModelException;
import dev.onyx.ir.Attribute;
import dev.onyx.ir.Attributes;
import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.onyx.ops.linalg.LinalgTestSupport.assertClose;
import static dev.onyx.ops.linalg.LinalgTestSupport.infer;
import static dev.onyx.ops.linalg.LinalgTestSupport.op;
import static dev.onyx.ops.linalg.LinalgTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GemmTest {
    // A = [[1,2,3],[4,5,6]], B = [[1,0],[0,1],[1,1]]: A B = [[4,5],[10,11]]
    static final float[] A = {1, 2, 3, 4, 5, 6};
    static final float[] B = {1, 0, 0, 1, 1, 1};

    private static Attributes attrs(Attribute... a) { return Attributes.of(a); }

    @Test
    void transposedOperandsAlphaBetaAndRowBias() {
        // A^T stored as 3x2, B^T stored as 2x3
        float[] at = {1, 4, 2, 5, 3, 6};
        float[] bt = {1, 0, 1, 0, 1, 1};
        Op g = op("Gemm", 13, 3, attrs(Attribute.ofInt("transA", 1), Attribute.ofInt("transB", 1),
                Attribute.ofFloat("alpha", 2f), Attribute.ofFloat("beta", 0.5f)));
        Tensor y = run(g, Tensor.of(at, 3, 2), Tensor.of(bt, 2, 3), Tensor.of(new float[] {10, 20}, 2));
        assertClose(y, Tensor.of(new float[] {13, 20, 25, 32}, 2, 2));
    }

    @Test
    void columnBiasScalarBiasAndNoBias() {
        Op g = op("Gemm", 13, 3, Attributes.EMPTY);
        assertClose(run(g, Tensor.of(A, 2, 3), Tensor.of(B, 3, 2), Tensor.of(new float[] {1, 2}, 2, 1)),
                Tensor.of(new float[] {5, 6, 12, 13}, 2, 2));
        assertClose(run(g, Tensor.of(A, 2, 3), Tensor.of(B, 3, 2), Tensor.scalar(1f)),
                Tensor.of(new float[] {5, 6, 11, 12}, 2, 2));
        Op noC = op("Gemm", 11, 2, Attributes.EMPTY);
        assertClose(run(noC, Tensor.of(A, 2, 3), Tensor.of(B, 3, 2)), Tensor.of(new float[] {4, 5, 10, 11}, 2, 2));
        Op emptyC = op("Gemm", 13, List.of("a", "b", ""), Attributes.EMPTY);
        assertClose(emptyC.run(java.util.Arrays.asList(Tensor.of(A, 2, 3), Tensor.of(B, 3, 2), null)).get(0),
                Tensor.of(new float[] {4, 5, 10, 11}, 2, 2));
    }

    @Test
    void betaZeroIgnoresC() {
        Op g = op("Gemm", 13, 3, attrs(Attribute.ofFloat("beta", 0f)));
        Tensor c = Tensor.of(new float[] {Float.NaN, Float.NaN, Float.NaN, Float.NaN}, 2, 2);
        assertClose(run(g, Tensor.of(A, 2, 3), Tensor.of(B, 3, 2), c), Tensor.of(new float[] {4, 5, 10, 11}, 2, 2));
    }

    @Test
    void nanInAPropagatesThroughZeroRowsOfB() {
        Op g = op("Gemm", 13, 2, Attributes.EMPTY);
        Tensor y = run(g, Tensor.of(new float[] {Float.NaN, 1}, 1, 2), Tensor.of(new float[] {0, 0, 1, 1}, 2, 2));
        assertThat(y.floats()[0]).isNaN();
        assertThat(y.floats()[1]).isNaN();
    }

    @Test
    void oldBroadcastAttribute() {
        Tensor a = Tensor.of(A, 2, 3), b = Tensor.of(B, 3, 2);
        Op strict = op("Gemm", 6, 3, attrs(Attribute.ofFloat("beta", 2f)));
        assertThatThrownBy(() -> run(strict, a, b, Tensor.of(new float[] {1, 2}, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("broadcast=0");
        assertClose(run(strict, a, b, Tensor.of(new float[] {1, 2, 3, 4}, 2, 2)),
                Tensor.of(new float[] {6, 9, 16, 19}, 2, 2));
        Op bcast = op("Gemm", 1, 3, attrs(Attribute.ofInt("broadcast", 1)));
        assertClose(run(bcast, a, b, Tensor.of(new float[] {1, 2}, 2)), Tensor.of(new float[] {5, 7, 11, 13}, 2, 2));
        assertThatThrownBy(() -> infer(strict, Fact.of(DType.FLOAT, 2, 3), Fact.of(DType.FLOAT, 3, 2),
                Fact.of(DType.FLOAT, 1, 2))).isInstanceOf(InvalidModelException.class);
    }

    @Test
    void cIsRequiredBeforeOpset11() {
        assertThatThrownBy(() -> op("Gemm", 9, 2, Attributes.EMPTY)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("expected 3 inputs, got 2");
        assertThatThrownBy(() -> op("Gemm", 13, 2, attrs(Attribute.ofInt("transA", 2))))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("transA");
    }

    @Test
    void doubleAndIntegerTypes() {
        Op g = op("Gemm", 13, 3, attrs(Attribute.ofInt("transB", 1)));
        double[] bt = {1, 0, 1, 0, 1, 1};
        assertClose(run(g, Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3), Tensor.of(bt, 2, 3),
                Tensor.of(new double[] {0.5, 0.25}, 2)), Tensor.of(new double[] {4.5, 5.25, 10.5, 11.25}, 2, 2));
        Op plain = op("Gemm", 9, 3, Attributes.EMPTY);
        assertClose(run(plain, Tensor.of(new long[] {1, 2, 3, 4, 5, 6}, 2, 3), Tensor.of(new long[] {1, 0, 0, 1, 1, 1}, 3, 2),
                Tensor.of(new long[] {100}, 1)), Tensor.of(new long[] {104, 105, 110, 111}, 2, 2));
        assertClose(run(plain, Tensor.of(new int[] {1, 2, 3, 4, 5, 6}, 2, 3), Tensor.of(new int[] {1, 0, 0, 1, 1, 1}, 3, 2),
                Tensor.of(new int[] {-1, 1}, 1, 2)), Tensor.of(new int[] {3, 6, 9, 12}, 2, 2));
        // alpha and beta on integers: computed in floating point, truncated as numpy astype does
        Op scaled = op("Gemm", 13, 3, attrs(Attribute.ofFloat("alpha", 0.5f), Attribute.ofFloat("beta", 1.5f)));
        assertClose(run(scaled, Tensor.of(new int[] {1, 2, 3, 4, 5, 6}, 2, 3), Tensor.of(new int[] {1, 0, 0, 1, 1, 1}, 3, 2),
                Tensor.of(new int[] {1}, 1)), Tensor.of(new int[] {3, 4, 6, 7}, 2, 2));
        // uint32 wraps like C: 0xFFFFFFFF * 1 + 1 = 0
        Tensor ua = Tensor.wrap(DType.UINT32, new int[] {1, 1}, new int[] {-1});
        Tensor ub = Tensor.wrap(DType.UINT32, new int[] {1, 1}, new int[] {1});
        Tensor uc = Tensor.wrap(DType.UINT32, new int[] {1}, new int[] {1});
        assertThat(run(plain, ua, ub, uc).ints()).containsExactly(0);
    }

    @Test
    void halfPrecisionTypes() {
        for (DType t : new DType[] {DType.FLOAT16, DType.BFLOAT16}) {
            Op g = op("Gemm", 13, 3, attrs(Attribute.ofFloat("alpha", 0.5f)));
            Tensor a = Tensor.of(A, 2, 3).castTo(t), b = Tensor.of(B, 3, 2).castTo(t);
            Tensor y = run(g, a, b, Tensor.of(new float[] {1, 2}, 2).castTo(t));
            assertThat(y.dtype()).isEqualTo(t);
            assertClose(y.castTo(DType.FLOAT), Tensor.of(new float[] {3, 4.5f, 6, 7.5f}, 2, 2));
        }
        assertThatThrownBy(() -> run(op("Gemm", 11, 3, Attributes.EMPTY), Tensor.of(A, 2, 3).castTo(DType.BFLOAT16),
                Tensor.of(B, 3, 2).castTo(DType.BFLOAT16), Tensor.scalar(0f).castTo(DType.BFLOAT16)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bfloat16");
    }

    @Test
    void typesAllowedByOpset() {
        Op g7 = op("Gemm", 7, 3, Attributes.EMPTY);
        assertThatThrownBy(() -> run(g7, Tensor.of(new int[] {1}, 1, 1), Tensor.of(new int[] {1}, 1, 1), Tensor.of(new int[] {1}, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("opset 7");
        assertThatThrownBy(() -> infer(g7, Fact.of(DType.INT64, 1, 1), Fact.of(DType.INT64, 1, 1), Fact.of(DType.INT64, 1)))
                .isInstanceOf(InvalidModelException.class);
        Op g13 = op("Gemm", 13, 3, Attributes.EMPTY);
        assertThatThrownBy(() -> run(g13, Tensor.of(A, 2, 3), Tensor.of(new double[] {1, 0, 0, 1, 1, 1}, 3, 2), Tensor.scalar(0f)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same type");
    }

    @Test
    void runtimeShapeErrors() {
        Op g = op("Gemm", 13, 3, Attributes.EMPTY);
        assertThatThrownBy(() -> run(g, Tensor.of(A, 2, 3), Tensor.of(A, 2, 3), Tensor.scalar(0f)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("op(A) is [2,3]");
        assertThatThrownBy(() -> run(g, Tensor.of(A, 2, 3), Tensor.of(B, 3, 2), Tensor.of(new float[] {1, 2, 3}, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not broadcast");
        assertThatThrownBy(() -> run(g, Tensor.of(A, 6), Tensor.of(B, 3, 2), Tensor.scalar(0f)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rank 2");
    }

    @Test
    void largerRandomAgainstDoubleReference() {
        int m = 37, k = 53, n = 29;
        double[] ad = LinalgTestSupport.randomDoubles(1, m * k), bd = LinalgTestSupport.randomDoubles(2, k * n);
        double[] cd = LinalgTestSupport.randomDoubles(3, n);
        double[] ref = LinalgTestSupport.naiveMatMul(ad, new int[] {m, k}, bd, new int[] {k, n});
        for (int i = 0; i < ref.length; i++) ref[i] = 0.75 * ref[i] - 2 * cd[i % n];
        Op g = op("Gemm", 13, 3, attrs(Attribute.ofFloat("alpha", 0.75f), Attribute.ofFloat("beta", -2f)));
        Tensor y = run(g, Tensor.of(ad, m, k).castTo(DType.FLOAT), Tensor.of(bd, k, n).castTo(DType.FLOAT),
                Tensor.of(cd, n).castTo(DType.FLOAT));
        assertClose(y, Tensor.of(ref, m, n).castTo(DType.FLOAT));
        Tensor yd = run(g, Tensor.of(ad, m, k), Tensor.of(bd, k, n), Tensor.of(cd, 1, n));
        assertClose(yd, Tensor.of(ref, m, n));
    }

    @Test
    void inferStaticAndSymbolic() {
        Op g = op("Gemm", 13, 3, attrs(Attribute.ofInt("transA", 1)));
        Fact y = infer(g, Fact.of(DType.FLOAT, List.of(Dim.of(64), Dim.symbol("batch"))),
                Fact.of(DType.FLOAT, List.of(Dim.of(64), Dim.of(10))), Fact.of(DType.FLOAT, 10));
        assertThat(y).isEqualTo(Fact.of(DType.FLOAT, List.of(Dim.symbol("batch"), Dim.of(10))));
        Fact unknownA = infer(g, Fact.UNKNOWN, Fact.of(DType.FLOAT, 5, 7), Fact.of(DType.FLOAT, 1, 7));
        assertThat(unknownA).isEqualTo(Fact.of(DType.FLOAT, List.of(Dim.UNKNOWN, Dim.of(7))));
        assertThatThrownBy(() -> infer(g, Fact.of(DType.FLOAT, 4, 3), Fact.of(DType.FLOAT, 5, 7), Fact.of(DType.FLOAT, 7)))
                .isInstanceOf(InvalidModelException.class);
        assertThatThrownBy(() -> infer(g, Fact.of(DType.FLOAT, 5, 3), Fact.of(DType.FLOAT, 5, 7), Fact.of(DType.FLOAT, 3, 6)))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("does not broadcast");
        assertThatThrownBy(() -> infer(g, Fact.of(DType.FLOAT, 5, 3, 1), Fact.of(DType.FLOAT, 5, 7), null))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("rank 2");
    }
}
