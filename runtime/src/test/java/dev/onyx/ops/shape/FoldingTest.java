package dev.onyx.ops.shape;

import dev.onyx.SessionOptions;
import dev.onyx.ir.Attribute;
import dev.onyx.ir.Attributes;
import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.ir.Graph;
import dev.onyx.ir.Node;
import dev.onyx.ir.ValueInfo;
import dev.onyx.ops.OpRegistry;
import dev.onyx.runtime.Compiler;
import dev.onyx.runtime.Executor;
import dev.onyx.runtime.Plan;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.onyx.ops.shape.OpHarness.range;
import static org.assertj.core.api.Assertions.assertThat;

/** Shape -> Gather -> Concat -> Reshape chains fold to constants when the gathered dims are static. */
class FoldingTest {
    @Test
    void shapeOfStaticInputFolds() {
        check(13, Attributes.EMPTY, Dim.of(2), 2);
    }

    @Test
    void shapeWithStartSkipsTheSymbolicBatchAndFolds() {
        check(15, Attributes.of(Attribute.ofInt("start", 1)), Dim.symbol("batch"), 1);
    }

    private static void check(int opset, Attributes shapeAttrs, Dim batch, long index) {
        List<Node> nodes = List.of(
                new Node("shape", "Shape", "", List.of("x"), List.of("s"), shapeAttrs),
                new Node("gather", "Gather", "", List.of("s", "idx"), List.of("g"), Attributes.EMPTY),
                new Node("concat", "Concat", "", List.of("minus1", "g"), List.of("target"),
                        Attributes.of(Attribute.ofInt("axis", 0))),
                new Node("reshape", "Reshape", "", List.of("x", "target"), List.of("y"), Attributes.EMPTY));
        Graph g = new Graph("g", nodes,
                List.of(new ValueInfo("x", Fact.of(DType.FLOAT, List.of(batch, Dim.of(3), Dim.of(4))))),
                List.of(new ValueInfo("y", Fact.UNKNOWN)),
                Map.of("idx", Tensor.of(new long[] {index}, 1), "minus1", Tensor.of(new long[] {-1}, 1)), Map.of());
        Plan plan = new Compiler(OpRegistry.standard(), SessionOptions.defaults(), "test", Map.of("", opset))
                .compile(g, Set.of());
        assertThat(plan.steps()).hasSize(1);
        assertThat(plan.constants()[plan.slot("target")]).isEqualTo(Tensor.of(new long[] {-1, 4}, 2));
        assertThat(plan.outputs().get(0).fact().dims()).containsExactly(batch.isKnown() ? Dim.of(6) : Dim.UNKNOWN, Dim.of(4));
        Tensor[] in = new Tensor[plan.constants().length];
        in[plan.slot("x")] = Tensor.of(range(24), 2, 3, 4);
        Tensor y = new Executor(plan).run(in, List.of("y")).get("y");
        assertThat(y).isEqualTo(Tensor.of(range(24), 6, 4));
    }
}
