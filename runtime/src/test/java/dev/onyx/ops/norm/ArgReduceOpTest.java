package dev.onyx.ops.norm;

import dev.onyx.ir.Attribute;
import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.onyx.ops.norm.NormTesting.op;
import static dev.onyx.ops.norm.NormTesting.run1;
import static org.assertj.core.api.Assertions.assertThat;

class ArgReduceOpTest {
    private static final Tensor X = Tensor.of(new float[] {2, 1, 2, 0, 5, 5}, 2, 3);

    @Test
    void defaultAxis0KeepsDims() {
        Tensor y = run1(op("ArgMax", 13, 1, 1), X);
        assertThat(y.dtype()).isEqualTo(DType.INT64);
        assertThat(y.shape()).containsExactly(1, 3);
        assertThat(y.longs()).containsExactly(0, 1, 1);
    }

    @Test
    void selectLastIndexFromOpset12() {
        Tensor first = run1(op("ArgMax", 13, 1, 1, Attribute.ofInt("axis", 1), Attribute.ofInt("keepdims", 0)), X);
        assertThat(first.longs()).containsExactly(0, 1);
        Tensor last = run1(op("ArgMax", 13, 1, 1, Attribute.ofInt("axis", -1), Attribute.ofInt("keepdims", 0),
                Attribute.ofInt("select_last_index", 1)), X);
        assertThat(last.longs()).containsExactly(2, 2);
        Tensor minLast = run1(op("ArgMin", 12, 1, 1, Attribute.ofInt("axis", 0), Attribute.ofInt("select_last_index", 1)),
                Tensor.of(new int[] {3, 3, 3, 1}, 2, 2));
        assertThat(minLast.longs()).containsExactly(1, 1);
        // before opset 12 the attribute does not exist: first index
        Tensor old = run1(op("ArgMin", 11, 1, 1, Attribute.ofInt("axis", 0)), Tensor.of(new long[] {3, 3}, 2, 1));
        assertThat(old.longs()).containsExactly(0);
    }

    @Test
    void nanIsTheExtremeAndUnsignedCompares() {
        assertThat(run1(op("ArgMax", 13, 1, 1), Tensor.of(new double[] {1, Double.NaN, 7}, 3)).longs()).containsExactly(1);
        assertThat(run1(op("ArgMin", 13, 1, 1), Tensor.of(new double[] {1, Double.NaN, -7}, 3)).longs()).containsExactly(1);
        Tensor u64 = Tensor.wrap(DType.UINT64, new int[] {3}, new long[] {5, -1L, 7});
        assertThat(run1(op("ArgMax", 13, 1, 1), u64).longs()).containsExactly(1);
    }

    @Test
    void inferDims() {
        Fact f = op("ArgMin", 13, 1, 1, Attribute.ofInt("axis", 1), Attribute.ofInt("keepdims", 0))
                .infer(List.of(Fact.of(DType.FLOAT, List.of(Dim.symbol("b"), Dim.of(7), Dim.of(2))))).get(0);
        assertThat(f.dtype()).isEqualTo(DType.INT64);
        assertThat(f.dims()).containsExactly(Dim.symbol("b"), Dim.of(2));
    }
}
