package dev.onyx.importer.patterns;

import dev.onyx.Session;
import dev.onyx.SessionOptions.OptimizationLevel;
import dev.onyx.importer.ModelBuilder;
import dev.onyx.importer.proto.OnnxProto.GraphProto;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A bool input selects one of two If branches, both reading a value computed in the outer graph. */
class IfBranchTest {
    static byte[] build() {
        // then: s + bias (bias is the branch's own initializer); else: s * s - outer (reads two outer values)
        GraphProto thenBranch = ModelBuilder.create().name("then_branch")
                .output("then_y", DType.FLOAT, 2, 3)
                .initializer("bias", Tensor.of(new float[] {1f, 2f, 3f}, 3))
                .node("Add", List.of("s", "bias"), List.of("then_y"))
                .graph();
        GraphProto elseBranch = ModelBuilder.create().name("else_branch")
                .output("else_y", DType.FLOAT, 2, 3)
                .node("Mul", List.of("s", "s"), List.of("sq"))
                .node("Sub", List.of("sq", "x"), List.of("else_y"))
                .graph();
        return ModelBuilder.create().opset(17)
                .input("cond", DType.BOOL).input("x", DType.FLOAT, 2, 3)
                .output("y", DType.FLOAT, 2, 3)
                .initializer("two", Tensor.scalar(2f))
                .node("Mul", List.of("x", "two"), List.of("s"))
                .node("If", List.of("cond"), List.of("y"),
                        ModelBuilder.graphAttr("then_branch", thenBranch), ModelBuilder.graphAttr("else_branch", elseBranch))
                .bytes();
    }

    @Test
    void bothBranchesAtNoneAndAll() {
        byte[] model = Patterns.committed("if_branch", build());
        float[] x = {0.5f, -1f, 2f, 3.25f, -0.75f, 0f};
        float[] thenExpected = new float[6], elseExpected = new float[6];
        for (int i = 0; i < 6; i++) {
            float s = 2 * x[i];
            thenExpected[i] = s + (i % 3 + 1);
            elseExpected[i] = s * s - x[i];
        }
        for (OptimizationLevel level : Patterns.LEVELS) {
            try (Session s = Patterns.session(model, level)) {
                for (boolean cond : new boolean[] {true, false, true}) {
                    Tensor y = s.run(Map.of("cond", Tensor.of(new boolean[] {cond}), "x", Tensor.of(x, 2, 3))).get("y");
                    assertThat(y.shape()).containsExactly(2, 3);
                    Patterns.assertClose("y(cond=" + cond + ") at " + level, y.floats(), cond ? thenExpected : elseExpected);
                }
            }
        }
    }
}
