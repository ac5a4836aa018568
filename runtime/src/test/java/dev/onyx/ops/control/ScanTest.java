package dev.onyx.ops.control;

import dev.onyx.InvalidModelException;
import dev.onyx.Session;
import dev.onyx.ir.Attribute;
import dev.onyx.ir.Graph;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.onyx.ops.control.G.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScanTest {
    private static final Tensor X = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);

    /** Running sum: state s (+ w, an outer value), scan output the new sum. */
    private static Graph sum(Attribute... attrs) {
        Graph body = graph("body", List.of(
                        node("Add", List.of("s_in", "e"), List.of("s_sum")),
                        node("Mul", List.of("s_sum", "w"), List.of("s_out")),
                        node("Identity", List.of("s_out"), List.of("o"))),
                vs("s_in", "e"), vs("s_out", "o"));
        Attribute[] all = new Attribute[attrs.length + 2];
        all[0] = Attribute.ofGraph("body", body);
        all[1] = Attribute.ofInt("num_scan_inputs", 1);
        System.arraycopy(attrs, 0, all, 2, attrs.length);
        return graph("main", List.of(node("Scan", List.of("s0", "x"), List.of("s", "out"), all)),
                vs("s0", "x", "w"), vs("s", "out"));
    }

    private static Map<String, Tensor> run(Graph g, int opset) {
        Session s = session(g, opset);
        return s.run(Map.of("s0", Tensor.of(new float[] {0, 0}, 2), "x", X, "w", Tensor.scalar(1f)));
    }

    @Test
    void forwardAlongAxis0ReadingAnOuterValue() {
        Map<String, Tensor> out = session(sum(), 9).run(Map.of("s0", Tensor.of(new float[] {0, 0}, 2),
                "x", X.reshape(3, 2), "w", Tensor.scalar(2f)));
        // s = (s + row) * 2 over rows [1,2], [3,4], [5,6]
        assertThat(out.get("out").shape()).containsExactly(3, 2);
        assertThat(out.get("out").floats()).containsExactly(2, 4, 10, 16, 30, 44);
        assertThat(out.get("s").floats()).containsExactly(30, 44);
    }

    @Test
    void reverseInputAlongAxis1WithReversedOutputOnAxis1() {
        Map<String, Tensor> out = run(sum(Attribute.ofInts("scan_input_axes", List.of(1L)),
                Attribute.ofInts("scan_input_directions", List.of(1L)),
                Attribute.ofInts("scan_output_axes", List.of(1L)),
                Attribute.ofInts("scan_output_directions", List.of(1L))), 11);
        // columns visited 2,1,0: sums [3,6], [5,11], [6,15]; written back at positions 2,1,0 along axis 1
        assertThat(out.get("s").floats()).containsExactly(6, 15);
        assertThat(out.get("out").shape()).containsExactly(2, 3);
        assertThat(out.get("out").floats()).containsExactly(6, 5, 3, 15, 11, 6);
    }

    @Test
    void forwardAlongNegativeAxisStackedOnAxis0() {
        Map<String, Tensor> out = run(sum(Attribute.ofInts("scan_input_axes", List.of(-1L))), 16);
        assertThat(out.get("out").shape()).containsExactly(3, 2);
        assertThat(out.get("out").floats()).containsExactly(1, 4, 3, 9, 6, 15);
    }

    @Test
    void negativeAxesNeedOpset11() {
        assertThatThrownBy(() -> session(sum(Attribute.ofInts("scan_input_axes", List.of(-1L))), 9))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("scan_input_axes");
    }

    @Test
    void scan8IsBatchedWithSequenceLengths() {
        Graph body = graph("body", List.of(
                        node("Add", List.of("s_in", "e"), List.of("s_out")),
                        node("Identity", List.of("s_out"), List.of("o"))),
                vs("s_in", "e"), vs("s_out", "o"));
        Graph main = graph("main", List.of(node("Scan", List.of("lens", "s0", "x"), List.of("s", "out"),
                        Attribute.ofGraph("body", body), Attribute.ofInt("num_scan_inputs", 1),
                        Attribute.ofInts("directions", List.of(1L)))),
                vs("lens", "s0", "x"), vs("s", "out"));
        Map<String, Tensor> out = session(main, 8).run(Map.of(
                "lens", Tensor.of(new long[] {3, 2}, 2),
                "s0", Tensor.of(new float[] {0, 100}, 2, 1),
                "x", Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3, 1)));
        // batch 0 reversed: 3, 2, 1 -> sums 3, 5, 6; batch 1 (length 2) reversed: 5, 4 -> 105, 109, then padding
        assertThat(out.get("s").floats()).containsExactly(6, 109);
        assertThat(out.get("out").shape()).containsExactly(2, 3, 1);
        assertThat(out.get("out").floats()).containsExactly(3, 5, 6, 105, 109, 0);
    }
}
