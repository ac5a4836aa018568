package dev.onyx.ops.nn;

import dev.onyx.InvalidModelException;
import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.onyx.ops.nn.Nodes.f;
import static dev.onyx.ops.nn.Nodes.i;
import static dev.onyx.ops.nn.Nodes.ints;
import static dev.onyx.ops.nn.Nodes.op;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LpPoolTest {
    private static final Tensor X = Tensor.of(new float[] {3, -4, 0, 5}, 1, 1, 4);

    private static Tensor run(Op op, Tensor x) { return op.run(List.of(x)).get(0); }

    @Test
    void pNorms() {
        NnAssert.close(run(op("LpPool", 11, 1, ints("kernel_shape", 2), ints("strides", 2)), X), new float[] {5, 5}, 1, 1, 2);
        NnAssert.close(run(op("LpPool", 11, 1, ints("kernel_shape", 2), ints("strides", 2), i("p", 1)), X),
                new float[] {7, 5}, 1, 1, 2);
        NnAssert.close(run(op("LpPool", 1, 1, ints("kernel_shape", 2), ints("strides", 2), f("p", 3f)), X),
                new float[] {(float) Math.cbrt(91), 5}, 1, 1, 2);
        NnAssert.close(run(op("LpPool", 18, 1, ints("kernel_shape", 2), ints("dilations", 2), ints("pads", 0, 1), i("p", 2)), X),
                new float[] {3, (float) Math.sqrt(41), 0}, 1, 1, 3);
    }

    @Test
    void ceilModeFromOpset18() {
        Tensor x = Tensor.of(new float[] {3, 4, 5}, 1, 1, 3);
        NnAssert.close(run(op("LpPool", 18, 1, ints("kernel_shape", 2), ints("strides", 2), i("ceil_mode", 1)), x),
                new float[] {5, 5}, 1, 1, 2);
        NnAssert.close(run(op("LpPool", 11, 1, ints("kernel_shape", 2), ints("strides", 2), i("ceil_mode", 1)), x),
                new float[] {5}, 1, 1, 1);
    }

    @Test
    void inferAndErrors() {
        Op op = op("LpPool", 11, 1, ints("kernel_shape", 2, 2));
        assertThat(op.infer(List.of(Fact.of(DType.FLOAT, List.of(Dim.symbol("B"), Dim.of(2), Dim.of(5), Dim.of(5))))).get(0).dims())
                .containsExactly(Dim.symbol("B"), Dim.of(2), Dim.of(4), Dim.of(4));
        assertThatThrownBy(() -> op("LpPool", 11, 1, ints("kernel_shape", 2), i("p", 0)))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("attribute 'p': expected a positive value, got 0");
    }
}
