package dev.onyx.ops.quant;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.onyx.ops.quant.QuantNodes.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DynamicQuantizeLinearTest {
    private static List<Tensor> run(float... x) {
        return op("DynamicQuantizeLinear", 11, 1, 3).run(List.of(f32(x, x.length)));
    }

    @Test
    void rangeIncludesZero() {
        // ONNX example: [0, 2, -3, -2.5, 1.34, 0.5] -> scale 5/255, zero point 153
        List<Tensor> r = run(0, 2, -3, -2.5f, 1.34f, 0.5f);
        assertThat(r.get(1).floats()).containsExactly(5f / 255f);
        assertThat(values(r.get(2))).containsExactly(153);
        assertThat(values(r.get(0))).containsExactly(153, 255, 0, 26, 221, 179);
        // all positive: min becomes 0, zero point 0
        List<Tensor> p = run(1, 2, 3, 4, 5, 6);
        assertThat(values(p.get(2))).containsExactly(0);
        assertThat(values(p.get(0))).containsExactly(42, 85, 128, 170, 212, 255);
        // all negative: max becomes 0, zero point 255
        List<Tensor> n = run(-1, -2, -3, -4, -5, -6);
        assertThat(values(n.get(2))).containsExactly(255);
        assertThat(values(n.get(0))).containsExactly(213, 170, 127, 85, 43, 0);
    }

    @Test
    void allZeroInputHasScaleOne() {
        List<Tensor> z = run(0, 0, 0);
        assertThat(z.get(1).floats()).containsExactly(1f);
        assertThat(values(z.get(2))).containsExactly(0);
        assertThat(values(z.get(0))).containsExactly(0, 0, 0);
    }

    @Test
    void inferAndTypes() {
        List<Fact> f = op("DynamicQuantizeLinear", 11, 1, 3).infer(List.of(Fact.of(DType.FLOAT, List.of(Dim.symbol("n"), Dim.of(4)))));
        assertThat(f).containsExactly(Fact.of(DType.UINT8, List.of(Dim.symbol("n"), Dim.of(4))), Fact.of(DType.FLOAT), Fact.of(DType.UINT8));
        assertThatThrownBy(() -> op("DynamicQuantizeLinear", 11, 1, 3).run(List.of(Tensor.of(new double[] {1}, 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("float32");
    }
}
