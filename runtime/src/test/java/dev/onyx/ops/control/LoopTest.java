package dev.onyx.ops.control;

import dev.onyx.Session;
import dev.onyx.ir.Attribute;
import dev.onyx.ir.Graph;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.onyx.ops.control.G.*;
import static org.assertj.core.api.Assertions.assertThat;

class LoopTest {
    private static final Tensor TRUE = Tensor.of(new boolean[] {true});

    /** y_out = y_in + a (a read from the main graph); scan output: y_out; cond passed through. */
    private static Graph accumulate() {
        Graph body = graph("body", List.of(
                        node("Identity", List.of("c_in"), List.of("c_out")),
                        node("Add", List.of("y_in", "a"), List.of("y_out")),
                        node("Identity", List.of("y_out"), List.of("s_out"))),
                vs("i", "c_in", "y_in"), vs("c_out", "y_out", "s_out"));
        return graph("main", List.of(node("Loop", List.of("M", "cond", "y0"), List.of("y", "s"),
                Attribute.ofGraph("body", body))), vs("M", "cond", "y0", "a"), vs("y", "s"));
    }

    @Test
    void carriesValuesAndConcatenatesScanOutputs() {
        for (int opset : new int[] {1, 11, 13, 16, 19, 21}) {
            Session s = session(accumulate(), opset);
            Map<String, Tensor> out = s.run(Map.of("M", Tensor.scalar(3L), "cond", TRUE,
                    "y0", Tensor.of(new float[] {0, 1}, 2), "a", Tensor.of(new float[] {2, 10}, 2)));
            assertThat(out.get("y").floats()).containsExactly(6, 31);
            assertThat(out.get("s").shape()).containsExactly(3, 2);
            assertThat(out.get("s").floats()).containsExactly(2, 11, 4, 21, 6, 31);
        }
    }

    @Test
    void zeroIterationsGiveInitialValuesAndEmptyScans() {
        Map<String, Tensor> out = session(accumulate(), 13).run(Map.of("M", Tensor.scalar(0L), "cond", TRUE,
                "y0", Tensor.of(new float[] {5}, 1), "a", Tensor.of(new float[] {2}, 1)));
        assertThat(out.get("y").floats()).containsExactly(5);
        assertThat(out.get("s").size()).isZero();
        Map<String, Tensor> stopped = session(accumulate(), 13).run(Map.of("M", Tensor.scalar(9L),
                "cond", Tensor.of(new boolean[] {false}), "y0", Tensor.of(new float[] {5}, 1), "a", Tensor.of(new float[] {2}, 1)));
        assertThat(stopped.get("y").floats()).containsExactly(5);
    }

    @Test
    void bodyConditionStopsALoopWithoutTripCount() {
        // while (i < limit): acc += i, with the iteration number cast to float; limit is an outer value
        Graph body = graph("body", List.of(
                        node("Less", List.of("i", "limit"), List.of("c_out")),
                        node("Cast", List.of("i"), List.of("fi"), Attribute.ofInt("to", 1)),
                        node("Add", List.of("acc_in", "fi"), List.of("acc_out"))),
                vs("i", "c_in", "acc_in"), vs("c_out", "acc_out", "fi"));
        Graph main = graph("main", List.of(node("Loop", List.of("", "cond", "acc0"), List.of("acc", "iters"),
                Attribute.ofGraph("body", body))), vs("cond", "acc0", "limit"), vs("acc", "iters"));
        Map<String, Tensor> out = session(main, 16).run(Map.of("cond", TRUE, "acc0", Tensor.scalar(0f),
                "limit", Tensor.scalar(3L)));
        // iterations 0..3 run (the condition computed in iteration 3 is false)
        assertThat(out.get("acc").floats()).containsExactly(6);
        assertThat(out.get("iters").floats()).containsExactly(0, 1, 2, 3);
    }

    @Test
    void ifNestedInLoopReadsValuesFromBothScopes() {
        // acc += a while i < two, else acc -= a; "a" and "two" come from the main graph, acc_in from the body
        Graph then = graph("then", List.of(node("Add", List.of("acc_in", "a"), List.of("t"))), List.of(), vs("t"));
        Graph otherwise = graph("else", List.of(node("Sub", List.of("acc_in", "a"), List.of("e"))), List.of(), vs("e"));
        Graph body = graph("body", List.of(
                        node("Less", List.of("i", "two"), List.of("small")),
                        node("If", List.of("small"), List.of("acc_out"),
                                Attribute.ofGraph("then_branch", then), Attribute.ofGraph("else_branch", otherwise)),
                        node("Identity", List.of("c_in"), List.of("c_out"))),
                vs("i", "c_in", "acc_in"), vs("c_out", "acc_out", "acc_out"));
        Graph main = graph("main", List.of(
                        node("Add", List.of("a0", "a0"), List.of("a")),
                        node("Loop", List.of("M", "", "acc0"), List.of("acc", "trace"), Attribute.ofGraph("body", body))),
                vs("M", "acc0", "a0"), vs("acc", "trace"), Map.of("two", Tensor.scalar(2L)));
        Map<String, Tensor> out = session(main, 13).run(Map.of("M", Tensor.scalar(4L),
                "acc0", Tensor.of(new float[] {0}, 1), "a0", Tensor.of(new float[] {0.5f}, 1)));
        assertThat(out.get("trace").shape()).containsExactly(4, 1);
        assertThat(out.get("trace").floats()).containsExactly(1, 2, 1, 0);
        assertThat(out.get("acc").floats()).containsExactly(0);
    }
}
