package dev.onyx.ops.shape;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.ops.OpFactory;
import dev.onyx.ops.OpRegistry;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs every single-node ONNX backend case of the shape ops (ONNX 1.12 and 1.23 test data) and compares exactly. */
class OnnxNodeCasesTest {
    static final List<String> OPS = List.of("Reshape", "Flatten", "Concat", "Transpose", "Shape", "Size", "Squeeze",
            "Unsqueeze", "Gather", "GatherElements", "GatherND", "Slice", "Split", "Expand", "Tile", "ConstantOfShape",
            "Range", "Pad", "Dropout", "DepthToSpace", "SpaceToDepth", "Trilu", "OneHot", "NonZero", "ScatterElements",
            "Scatter", "ScatterND", "CumSum", "TopK");

    @TestFactory
    Stream<DynamicTest> backendCases() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (String op : OPS) {
            for (NodeFixtures.Case c : NodeFixtures.load(op)) {
                tests.add(DynamicTest.dynamicTest(op + " " + c.name(), () -> check(c)));
            }
        }
        return tests.stream();
    }

    static void check(NodeFixtures.Case c) {
        int opset = Math.min(c.opset(), OpRegistry.MAX_OPSET);
        OpFactory f = OpRegistry.standard().find("", c.node().opType(), opset);
        assertThat(f).as("factory for %s at opset %d", c.node().opType(), opset).isNotNull();
        Op op = f.create(new NodeContext(c.node(), opset));
        List<Tensor> in = c.inputList();
        List<Tensor> out = op.run(in);
        boolean random = c.node().opType().equals("Dropout") && in.size() > 2 && in.get(2) != null
                && in.get(2).getDouble(0) != 0;
        for (Map.Entry<Integer, Tensor> e : c.outputs().entrySet()) {
            Tensor expected = e.getValue();
            Tensor actual = out.get(e.getKey());
            if (random) {
                assertThat(actual.shape()).isEqualTo(expected.shape());
                assertThat(actual.dtype()).isEqualTo(expected.dtype());
            } else {
                assertThat(actual).as("output %d", e.getKey()).isEqualTo(expected);
            }
        }
        // inference from shapes only, and from constant inputs, must agree with what ran
        for (boolean constants : new boolean[] {false, true}) {
            List<Fact> facts = new ArrayList<>();
            for (int i = 0; i < in.size(); i++) {
                Tensor t = in.get(i);
                facts.add(t == null ? null : constants ? Fact.constant(t) : Fact.of(t.dtype(), t.shape()));
            }
            List<Fact> inferred = op.infer(facts);
            for (int k = 0; k < out.size() && k < inferred.size(); k++) {
                Tensor t = out.get(k);
                Fact fact = inferred.get(k);
                if (t == null) continue;
                if (fact.dtype() != null) assertThat(fact.dtype()).as("inferred dtype %d", k).isEqualTo(t.dtype());
                if (fact.dims() != null) {
                    assertThat(fact.rank()).as("inferred rank %d", k).isEqualTo(t.rank());
                    for (int d = 0; d < t.rank(); d++) {
                        Dim dim = fact.dims().get(d);
                        if (dim.isKnown()) assertThat(dim.value()).as("inferred dim %d of output %d", d, k).isEqualTo(t.dim(d));
                    }
                }
                if (fact.constant() != null && !random) assertThat(fact.constant()).isEqualTo(t);
                if (constants && !random && !c.node().opType().equals("NonZero")) {
                    assertThat(fact.isStatic()).as("static shape inferred from constant inputs, output %d: %s", k, fact).isTrue();
                }
            }
        }
    }
}
