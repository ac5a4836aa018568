package dev.onyx.ops.norm;

import dev.onyx.InvalidModelException;
import dev.onyx.ir.Attribute;
import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static dev.onyx.ops.norm.NormTesting.assertClose;
import static dev.onyx.ops.norm.NormTesting.ints;
import static dev.onyx.ops.norm.NormTesting.op;
import static dev.onyx.ops.norm.NormTesting.run1;
import static dev.onyx.ops.norm.NormTesting.tensor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReduceOpTest {
    // [[1, 2, 3], [4, 5, 6]]
    private static final Tensor X = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);

    private static Tensor run(Op op, Tensor x, long... axes) {
        return op.run(Arrays.asList(x, Tensor.of(axes, axes.length))).get(0);
    }

    @Test
    void axesAttributeBeforeOpset18() {
        assertClose(run1(op("ReduceMean", 11, 1, 1, ints("axes", 1)), X), new float[] {2, 5}, 2, 1);
        assertClose(run1(op("ReduceMean", 13, 1, 1, ints("axes", -2), Attribute.ofInt("keepdims", 0)), X),
                new float[] {2.5f, 3.5f, 4.5f}, 3);
        assertClose(run1(op("ReduceProd", 1, 1, 1), X), new float[] {720}, 1, 1);
    }

    @Test
    void axesInputFromOpset18AndReduceSum13() {
        assertClose(run(op("ReduceMax", 18, 2, 1), X, 0), new float[] {4, 5, 6}, 1, 3);
        assertClose(run(op("ReduceSum", 13, 2, 1, Attribute.ofInt("keepdims", 0)), X, 1), new float[] {6, 15}, 2);
        assertClose(run(op("ReduceL2", 18, 2, 1), X, 1), new float[] {(float) Math.sqrt(14), (float) Math.sqrt(77)}, 2, 1);
        assertClose(run(op("ReduceL1", 18, 2, 1), Tensor.of(new float[] {-1, 2, -3, 4}, 2, 2), 0), new float[] {4, 6}, 1, 2);
        assertClose(run(op("ReduceSumSquare", 18, 2, 1), X, 0, 1), new float[] {91}, 1, 1);
        assertClose(run(op("ReduceLogSum", 18, 2, 1), X, 1), new float[] {(float) Math.log(6), (float) Math.log(15)}, 2, 1);
        assertClose(run(op("ReduceLogSumExp", 18, 2, 1), Tensor.of(new float[] {1000, 1000}, 2), 0),
                new float[] {(float) (1000 + Math.log(2))}, 1);
        assertClose(run1(op("ReduceMin", 18, 1, 1), X), new float[] {1}, 1, 1);
    }

    @Test
    void emptyAxesReduceAllOrNothing() {
        Op noop = op("ReduceSum", 13, 2, 1, Attribute.ofInt("noop_with_empty_axes", 1));
        assertThat(run(noop, X)).isSameAs(X);
        assertThat(noop.run(Arrays.asList(X, null)).get(0)).isSameAs(X);
        assertClose(run(op("ReduceSum", 13, 2, 1), X), new float[] {21}, 1, 1);
    }

    @Test
    void emptySetGivesIdentities() {
        Tensor empty = Tensor.zeros(DType.FLOAT, 2, 0, 4);
        assertClose(run(op("ReduceSum", 18, 2, 1), empty, 1), new float[] {0, 0, 0, 0, 0, 0, 0, 0}, 2, 1, 4);
        assertThat(run(op("ReduceProd", 18, 2, 1), empty, 1).floats()).containsOnly(1f);
        assertThat(run(op("ReduceMax", 18, 2, 1), empty, 1).floats()).containsOnly(Float.NEGATIVE_INFINITY);
        assertThat(run(op("ReduceMin", 18, 2, 1), empty, 1).floats()).containsOnly(Float.POSITIVE_INFINITY);
        assertThat(run(op("ReduceLogSum", 18, 2, 1), empty, 1).floats()).containsOnly(Float.NEGATIVE_INFINITY);
        assertThat(run(op("ReduceLogSumExp", 18, 2, 1), empty, 1).floats()).containsOnly(Float.NEGATIVE_INFINITY);
        assertThat(run(op("ReduceMean", 18, 2, 1), empty, 1).floats()).containsOnly(Float.NaN);
        assertThat(run(op("ReduceMax", 18, 2, 1), Tensor.zeros(DType.INT32, 0, 2), 0).ints())
                .containsExactly(Integer.MIN_VALUE, Integer.MIN_VALUE);
        // a zero-sized kept axis gives an empty result
        assertThat(run(op("ReduceSum", 18, 2, 1), empty, 2).shape()).containsExactly(2, 0, 1);
    }

    @Test
    void integerTypesAreExact() {
        Tensor big = Tensor.of(new long[] {Long.MAX_VALUE - 1, 1, -5, 3}, 2, 2);
        assertThat(run(op("ReduceSum", 13, 2, 1), big, 1).longs()).containsExactly(Long.MAX_VALUE, -2);
        assertThat(run1(op("ReduceMean", 13, 1, 1, ints("axes", 1)), Tensor.of(new int[] {1, 2, -1, -4}, 2, 2)).ints())
                .containsExactly(1, -2);
        Tensor u8 = tensor(DType.UINT8, new int[] {3}, 200, 7, 255);
        assertThat(run(op("ReduceMax", 18, 2, 1), u8, 0).getLong(0)).isEqualTo(255);
        assertThat(run(op("ReduceMin", 18, 2, 1), u8, 0).getLong(0)).isEqualTo(7);
        Tensor u64 = Tensor.wrap(DType.UINT64, new int[] {2}, new long[] {-1L, 5});
        assertThat(run(op("ReduceMax", 18, 2, 1), u64, 0).longs()).containsExactly(-1L);
        assertThat(run(op("ReduceProd", 18, 2, 1), Tensor.of(new int[] {3, -4, 5}, 3), 0).ints()).containsExactly(-60);
        assertThat(run(op("ReduceL2", 18, 2, 1), Tensor.of(new long[] {3, 4}, 2), 0).longs()).containsExactly(5L);
    }

    @Test
    void boolFromOpset20() {
        Tensor b = Tensor.of(new boolean[] {true, false, false, false}, 2, 2);
        assertThat(run(op("ReduceMax", 20, 2, 1), b, 1).booleans()).containsExactly(true, false);
        assertThat(run(op("ReduceMin", 20, 2, 1), b, 0).booleans()).containsExactly(false, false);
        assertThatThrownBy(() -> run(op("ReduceMax", 18, 2, 1), b, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bool");
    }

    @Test
    void badAxesAreRejected() {
        assertThatThrownBy(() -> op("ReduceMean", 13, 1, 1, ints("axes", 1, 1))).isInstanceOf(InvalidModelException.class);
        assertThatThrownBy(() -> run(op("ReduceMean", 18, 2, 1), X, 0, -2)).hasMessageContaining("repeated");
        assertThatThrownBy(() -> run(op("ReduceMean", 18, 2, 1), X, 2)).hasMessageContaining("out of range");
        assertThatThrownBy(() -> op("ReduceMean", 18, 1, 1, ints("axes", 1))).isInstanceOf(InvalidModelException.class);
    }

    @Test
    void inferShapes() {
        List<Dim> dims = List.of(Dim.symbol("n"), Dim.of(3), Dim.of(4));
        Fact x = Fact.of(DType.FLOAT, dims);
        Fact f = op("ReduceMean", 13, 1, 1, ints("axes", -1)).infer(List.of(x)).get(0);
        assertThat(f.dims()).containsExactly(Dim.symbol("n"), Dim.of(3), Dim.of(1));
        f = op("ReduceSum", 18, 2, 1, Attribute.ofInt("keepdims", 0)).infer(List.of(x, Fact.constant(Tensor.of(new long[] {1}, 1)))).get(0);
        assertThat(f.dims()).containsExactly(Dim.symbol("n"), Dim.of(4));
        f = op("ReduceSum", 18, 2, 1).infer(List.of(x, Fact.of(DType.INT64, 1))).get(0);
        assertThat(f.dims()).containsExactly(Dim.UNKNOWN, Dim.UNKNOWN, Dim.UNKNOWN);
        f = op("ReduceSum", 18, 2, 1, Attribute.ofInt("keepdims", 0)).infer(List.of(x, Fact.of(DType.INT64, 1))).get(0);
        assertThat(f.dtype()).isEqualTo(DType.FLOAT);
        assertThat(f.hasRank()).isFalse();
        f = op("ReduceMax", 11, 1, 1, Attribute.ofInt("keepdims", 0)).infer(List.of(Fact.of(DType.INT32, dims))).get(0);
        assertThat(f.dtype()).isEqualTo(DType.INT32);
        assertThat(f.dims()).isEmpty();
    }
}
