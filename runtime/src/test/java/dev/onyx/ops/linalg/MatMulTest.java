package dev.onyx.ops.linalg;

import dev.onyx.InvalidModelException;
import dev.onyx.ir.Attributes;
import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.onyx.ops.linalg.LinalgTestSupport.assertClose;
import static dev.onyx.ops.linalg.LinalgTestSupport.infer;
import static dev.onyx.ops.linalg.LinalgTestSupport.naiveMatMul;
import static dev.onyx.ops.linalg.LinalgTestSupport.op;
import static dev.onyx.ops.linalg.LinalgTestSupport.randomDoubles;
import static dev.onyx.ops.linalg.LinalgTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MatMulTest {
    static final int[][][] SHAPES = {
            {{3}, {3}}, {{4}, {2, 4, 5}}, {{2, 3, 4}, {4}}, {{7, 9}, {9, 5}}, {{2, 3, 7, 9}, {9, 5}},
            {{3, 1, 6, 4}, {1, 2, 4, 5}}, {{5, 6, 4}, {2, 1, 4, 3}}, {{1, 6, 4}, {3, 4, 2}}, {{19, 33}, {4, 33, 17}},
            {{2, 0, 3}, {3, 4}}, {{2, 3, 0}, {0, 4}}, {{70, 130}, {130, 45}},
    };

    @Test
    void floatDoubleAndHalfAgainstNumpyStyleReference() {
        long seed = 10;
        for (int[][] s : SHAPES) {
            double[] a = randomDoubles(seed++, Shapes.size(s[0])), b = randomDoubles(seed++, Shapes.size(s[1]));
            double[] ref = naiveMatMul(a, s[0], b, s[1]);
            int[] outShape = MatMulShape.of(s[0], s[1]).outShape();
            Tensor ad = Tensor.of(a, s[0]), bd = Tensor.of(b, s[1]);
            String what = Shapes.toString(s[0]) + " x " + Shapes.toString(s[1]);
            for (int opset : new int[] {1, 9, 13}) {
                Op mm = op("MatMul", opset, 2, Attributes.EMPTY);
                assertClose(run(mm, ad, bd), Tensor.of(ref, outShape));
                assertClose(run(mm, ad.castTo(DType.FLOAT), bd.castTo(DType.FLOAT)), Tensor.of(ref, outShape).castTo(DType.FLOAT));
                Tensor h = run(mm, ad.castTo(DType.FLOAT16), bd.castTo(DType.FLOAT16));
                assertThat(h.dtype()).as(what).isEqualTo(DType.FLOAT16);
                assertThat(h.shape()).as(what).containsExactly(outShape);
                for (int i = 0; i < ref.length; i++) {
                    assertThat(h.getDouble(i)).as(what).isCloseTo(ref[i], org.assertj.core.data.Offset.offset(0.02 * Math.abs(ref[i]) + 0.01));
                }
            }
        }
    }

    @Test
    void integerTypesAreExactAndWrap() {
        long seed = 99;
        Op mm = op("MatMul", 13, 2, Attributes.EMPTY);
        for (int[][] s : SHAPES) {
            double[] a = randomDoubles(seed++, Shapes.size(s[0])), b = randomDoubles(seed++, Shapes.size(s[1]));
            for (int i = 0; i < a.length; i++) a[i] = Math.round(a[i] * 16);
            for (int i = 0; i < b.length; i++) b[i] = Math.round(b[i] * 16);
            double[] ref = naiveMatMul(a, s[0], b, s[1]);
            int[] outShape = MatMulShape.of(s[0], s[1]).outShape();
            for (DType t : new DType[] {DType.INT32, DType.INT64}) {
                assertClose(run(mm, Tensor.of(a, s[0]).castTo(t), Tensor.of(b, s[1]).castTo(t)), Tensor.of(ref, outShape).castTo(t));
            }
        }
        // int64 wraps: 2^62 * 4 = 0 (mod 2^64); uint64 max * 2 = max - 1
        assertThat(run(mm, Tensor.of(new long[] {1L << 62}, 1, 1), Tensor.of(new long[] {4}, 1, 1)).longs()).containsExactly(0L);
        Tensor ua = Tensor.wrap(DType.UINT64, new int[] {1, 2}, new long[] {-1L, 3});
        Tensor ub = Tensor.wrap(DType.UINT64, new int[] {2}, new long[] {2, 5});
        Tensor uy = run(mm, ua, ub);
        assertThat(uy.dtype()).isEqualTo(DType.UINT64);
        assertThat(uy.shape()).containsExactly(1);
        assertThat(uy.longs()).containsExactly(-2L + 15);
        // uint32: 4000000000 * 1 stays unsigned
        Tensor u32 = run(mm, Tensor.wrap(DType.UINT32, new int[] {1, 1}, new int[] {(int) 4000000000L}),
                Tensor.wrap(DType.UINT32, new int[] {1, 1}, new int[] {1}));
        assertThat(u32.getLong(0)).isEqualTo(4000000000L);
        Tensor bf = run(mm, Tensor.of(new float[] {1, 2}, 2).castTo(DType.BFLOAT16), Tensor.of(new float[] {3, 4}, 2).castTo(DType.BFLOAT16));
        assertThat(bf.dtype()).isEqualTo(DType.BFLOAT16);
        assertThat(bf.getDouble(0)).isEqualTo(11.0);
    }

    @Test
    void nanPropagatesThroughZeros() {
        Op mm = op("MatMul", 13, 2, Attributes.EMPTY);
        Tensor y = run(mm, Tensor.of(new float[] {0, 0, 0, 0}, 2, 2), Tensor.of(new float[] {Float.POSITIVE_INFINITY, 0, 0, 0}, 2, 2));
        assertThat(y.floats()[0]).isNaN();
        assertThat(y.floats()[1]).isEqualTo(0f);
    }

    @Test
    void typeAndShapeErrors() {
        assertThatThrownBy(() -> run(op("MatMul", 8, 2, Attributes.EMPTY), Tensor.of(new int[] {1}, 1, 1), Tensor.of(new int[] {1}, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("opset 8");
        assertThatThrownBy(() -> run(op("MatMul", 12, 2, Attributes.EMPTY), Tensor.of(new float[] {1}, 1).castTo(DType.BFLOAT16),
                Tensor.of(new float[] {1}, 1).castTo(DType.BFLOAT16))).isInstanceOf(IllegalArgumentException.class);
        Op mm = op("MatMul", 13, 2, Attributes.EMPTY);
        assertThatThrownBy(() -> run(mm, Tensor.of(new float[6], 2, 3), Tensor.of(new float[6], 2, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inner dimensions");
        assertThatThrownBy(() -> run(mm, Tensor.of(new float[12], 2, 2, 3), Tensor.of(new float[18], 3, 3, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("do not broadcast");
        assertThatThrownBy(() -> run(mm, Tensor.scalar(1f), Tensor.of(new float[3], 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rank >= 1");
        assertThatThrownBy(() -> op("MatMul", 13, 3, Attributes.EMPTY)).isInstanceOf(InvalidModelException.class);
    }

    @Test
    void inferWithSymbolicBatchDims() {
        Op mm = op("MatMul", 13, 2, Attributes.EMPTY);
        Dim batch = Dim.symbol("batch"), seq = Dim.symbol("seq");
        Fact y = infer(mm, Fact.of(DType.FLOAT, List.of(batch, seq, Dim.of(768))), Fact.of(DType.FLOAT, 768, 3072));
        assertThat(y).isEqualTo(Fact.of(DType.FLOAT, List.of(batch, seq, Dim.of(3072))));
        // broadcast: 1 vs symbol -> symbol, 4 vs symbol -> 4, same symbol -> symbol, different symbols -> unknown
        Fact z = infer(mm, Fact.of(DType.FLOAT, List.of(Dim.of(1), Dim.of(4), batch, Dim.symbol("h"), Dim.of(2), Dim.of(3))),
                Fact.of(DType.FLOAT, List.of(seq, batch, batch, Dim.symbol("w"), Dim.of(3), Dim.of(5))));
        assertThat(z).isEqualTo(Fact.of(DType.FLOAT, List.of(seq, Dim.of(4), batch, Dim.UNKNOWN, Dim.of(2), Dim.of(5))));
        assertThat(infer(mm, Fact.of(DType.DOUBLE, 3), Fact.of(DType.DOUBLE, 3))).isEqualTo(Fact.of(DType.DOUBLE));
        assertThat(infer(mm, Fact.of(DType.FLOAT, List.of(seq)), Fact.of(DType.FLOAT, List.of(batch, seq, Dim.of(7)))))
                .isEqualTo(Fact.of(DType.FLOAT, List.of(batch, Dim.of(7))));
        assertThat(infer(mm, Fact.of(DType.FLOAT, 2, 5, 3), Fact.of(DType.FLOAT, 3))).isEqualTo(Fact.of(DType.FLOAT, 2, 5));
        assertThat(infer(mm, Fact.unknownShape(DType.INT64), Fact.of(DType.INT64, 3))).isEqualTo(Fact.unknownShape(DType.INT64));
        assertThat(infer(mm, Fact.UNKNOWN, Fact.UNKNOWN)).isEqualTo(Fact.UNKNOWN);
        assertThatThrownBy(() -> infer(mm, Fact.of(DType.FLOAT, 2, 3), Fact.of(DType.FLOAT, 4, 5)))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("inner dimensions");
        assertThatThrownBy(() -> infer(mm, Fact.of(DType.FLOAT, 2, 2, 3), Fact.of(DType.FLOAT, 3, 3, 5)))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("do not broadcast");
        assertThatThrownBy(() -> infer(mm, Fact.of(DType.FLOAT, 2, 3), Fact.of(DType.DOUBLE, 3, 5)))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("same type");
    }
}
