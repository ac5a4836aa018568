package dev.onyx.ops.nn;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.onyx.ops.nn.Nodes.f;
import static dev.onyx.ops.nn.Nodes.i;
import static dev.onyx.ops.nn.Nodes.op;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GlobalPoolTest {
    private static final Tensor X = Tensor.of(new float[] {1, 2, 3, 6, -3, 4, 0, 0}, 1, 2, 2, 2);

    private static Tensor run(Op op, Tensor x) { return op.run(List.of(x)).get(0); }

    @Test
    void averageMaxAndLp() {
        NnAssert.close(run(op("GlobalAveragePool", 1, 1), X), new float[] {3, 0.25f}, 1, 2, 1, 1);
        NnAssert.close(run(op("GlobalMaxPool", 22, 1), X), new float[] {6, 4}, 1, 2, 1, 1);
        NnAssert.close(run(op("GlobalLpPool", 2, 1), X), new float[] {(float) Math.sqrt(50), 5}, 1, 2, 1, 1);
        NnAssert.close(run(op("GlobalLpPool", 2, 1, i("p", 1)), X), new float[] {12, 7}, 1, 2, 1, 1);
        NnAssert.close(run(op("GlobalLpPool", 1, 1, f("p", 1f)), X), new float[] {12, 7}, 1, 2, 1, 1);
        Tensor x1 = Tensor.of(new float[] {1, 5, 3}, 1, 1, 3);
        NnAssert.close(run(op("GlobalAveragePool", 22, 1), x1), new float[] {3}, 1, 1, 1);
        Tensor x3 = Tensor.of(new float[] {1, 5, 3, 7, 2, 2, 2, 2}, 1, 1, 2, 2, 2);
        NnAssert.close(run(op("GlobalMaxPool", 22, 1), x3), new float[] {7}, 1, 1, 1, 1, 1);
    }

    @Test
    void typesAndInfer() {
        Tensor d = run(op("GlobalAveragePool", 1, 1), X.castTo(DType.DOUBLE));
        assertThat(d.doubles()).containsExactly(3, 0.25);
        Tensor h = run(op("GlobalMaxPool", 1, 1), X.castTo(DType.FLOAT16));
        assertThat(h.dtype()).isEqualTo(DType.FLOAT16);
        assertThat(h.castTo(DType.FLOAT).floats()).containsExactly(6, 4);
        Fact f = op("GlobalAveragePool", 1, 1).infer(List.of(Fact.of(DType.FLOAT,
                List.of(Dim.symbol("N"), Dim.of(512), Dim.UNKNOWN, Dim.of(7))))).get(0);
        assertThat(f.dims()).containsExactly(Dim.symbol("N"), Dim.of(512), Dim.of(1), Dim.of(1));
        assertThatThrownBy(() -> run(op("GlobalMaxPool", 1, 1), Tensor.zeros(DType.FLOAT, 2, 3)))
                .hasMessage("GlobalMaxPool expects X of rank >= 3 (N x C x D1...), got shape [2, 3]");
        assertThatThrownBy(() -> run(op("GlobalMaxPool", 1, 1), Tensor.of(new long[] {1}, 1, 1, 1)))
                .hasMessage("GlobalMaxPool does not support int64 input");
    }
}
