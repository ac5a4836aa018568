package dev.onyx.ops.elementwise;

import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.ops.OpFactory;
import dev.onyx.ops.OpRegistry;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs every single-node ONNX backend case (1.12 and 1.23) of the elementwise ops, converted to text fixtures. */
class OnnxNodeCasesTest {
    @TestFactory
    List<DynamicTest> onnxNodeCases() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (String path : NodeCase.index()) {
            tests.add(DynamicTest.dynamicTest(path, () -> check(NodeCase.load(path))));
        }
        assertThat(tests).hasSizeGreaterThan(300);
        return tests;
    }

    private static void check(NodeCase c) {
        int opset = Math.min(c.opset(), OpRegistry.MAX_OPSET); // later opsets only add types
        OpFactory f = OpRegistry.standard().find("", c.op(), opset);
        assertThat(f).as("factory for %s at opset %d", c.op(), opset).isNotNull();
        Op op = f.create(new NodeContext(c.node(), opset));
        for (NodeCase.DataSet ds : c.sets()) {
            List<Tensor> out = op.run(ds.inputs());
            assertThat(out).hasSize(ds.outputs().size());
            List<Fact> facts = new ArrayList<>();
            for (Tensor t : ds.inputs()) facts.add(t == null ? null : Fact.of(t.dtype(), t.shape()));
            List<Fact> inferred = op.infer(facts);
            for (int i = 0; i < out.size(); i++) {
                Tensor e = ds.outputs().get(i);
                double rtol = e.dtype() == DType.BFLOAT16 ? 1e-2 : 1e-3;
                TensorAssert.close(out.get(i), e, rtol, 1e-7);
                assertThat(inferred.get(i)).as("inferred fact").isEqualTo(Fact.of(e.dtype(), e.shape()));
            }
        }
    }
}
