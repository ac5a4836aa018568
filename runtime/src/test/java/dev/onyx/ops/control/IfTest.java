package dev.onyx.ops.control;

import dev.onyx.LimitExceededException;
import dev.onyx.Session;
import dev.onyx.SessionOptions;
import dev.onyx.UnsupportedModelException;
import dev.onyx.ir.Attribute;
import dev.onyx.ir.Graph;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.onyx.ops.control.G.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IfTest {
    /** then: x + x, else: x * x; both read x from the main graph. */
    private static Graph ifGraph() {
        Graph then = graph("then", List.of(node("Add", List.of("x", "x"), List.of("t"))), List.of(), vs("t"));
        Graph otherwise = graph("else", List.of(node("Mul", List.of("x", "x"), List.of("e"))), List.of(), vs("e"));
        return graph("main", List.of(node("If", List.of("cond"), List.of("y"),
                        Attribute.ofGraph("then_branch", then), Attribute.ofGraph("else_branch", otherwise))),
                vs("cond", "x"), vs("y"));
    }

    @Test
    void selectsTheBranchAndReadsOuterValues() {
        for (int opset : new int[] {1, 11, 13, 16, 19, 21}) {
            Session s = session(ifGraph(), opset);
            Tensor x = Tensor.of(new float[] {3, -2}, 2);
            Tensor yes = s.run(Map.of("cond", Tensor.of(new boolean[] {true}), "x", x)).get("y");
            Tensor no = s.run(Map.of("cond", Tensor.of(new boolean[] {false}), "x", x)).get("y");
            assertThat(yes.floats()).containsExactly(6, -4);
            assertThat(no.floats()).containsExactly(9, 4);
        }
    }

    @Test
    void branchesMayHaveDifferentShapesAndOwnInitializers() {
        Graph then = graph("then", List.of(node("Identity", List.of("c3"), List.of("t"))), List.of(), vs("t"),
                Map.of("c3", Tensor.of(new float[] {1, 2, 3}, 3)));
        Graph otherwise = graph("else", List.of(node("Identity", List.of("x"), List.of("e"))), List.of(), vs("e"));
        Graph main = graph("main", List.of(node("If", List.of("cond"), List.of("y"),
                        Attribute.ofGraph("then_branch", then), Attribute.ofGraph("else_branch", otherwise))),
                vs("cond", "x"), vs("y"));
        Session s = session(main, 13);
        Tensor x = Tensor.of(new float[] {7}, 1);
        assertThat(s.run(Map.of("cond", Tensor.of(new boolean[] {true}, 1), "x", x)).get("y").floats()).containsExactly(1, 2, 3);
        assertThat(s.run(Map.of("cond", Tensor.of(new boolean[] {false}, 1), "x", x)).get("y").floats()).containsExactly(7);
    }

    @Test
    void unsupportedOpsInsideBranchesAreReportedAtLoad() {
        Graph then = graph("then", List.of(node("NoSuchOp", List.of("x"), List.of("t"))), List.of(), vs("t"));
        Graph otherwise = graph("else", List.of(node("Identity", List.of("x"), List.of("e"))), List.of(), vs("e"));
        Graph main = graph("main", List.of(node("If", List.of("cond"), List.of("y"),
                        Attribute.ofGraph("then_branch", then), Attribute.ofGraph("else_branch", otherwise)),
                        node("AlsoMissing", List.of("y"), List.of("z"))),
                vs("cond", "x"), vs("z"));
        assertThatThrownBy(() -> session(main, 13)).isInstanceOf(UnsupportedModelException.class)
                .hasMessageContaining("NoSuchOp").hasMessageContaining("AlsoMissing").hasMessageContaining("then_branch");
    }

    @Test
    void nestingDepthIsLimited() {
        assertThatThrownBy(() -> session(ifGraph(), 13, SessionOptions.defaults().withMaxNestingDepth(0)))
                .isInstanceOf(LimitExceededException.class).hasMessageContaining("nested");
    }

    @Test
    void undefinedOuterNameIsAnError() {
        Graph then = graph("then", List.of(node("Identity", List.of("nowhere"), List.of("t"))), List.of(), vs("t"));
        Graph otherwise = graph("else", List.of(node("Identity", List.of("x"), List.of("e"))), List.of(), vs("e"));
        Graph main = graph("main", List.of(node("If", List.of("cond"), List.of("y"),
                        Attribute.ofGraph("then_branch", then), Attribute.ofGraph("else_branch", otherwise))),
                vs("cond", "x"), vs("y"));
        assertThatThrownBy(() -> session(main, 13)).hasMessageContaining("nowhere");
    }
}
