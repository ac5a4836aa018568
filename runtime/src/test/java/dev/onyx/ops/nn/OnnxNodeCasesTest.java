package dev.onyx.ops.nn;

import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.ops.OpFactory;
import dev.onyx.ops.OpRegistry;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs every single-node ONNX backend test case of the nn ops (ONNX 1.12 and 1.23 suites, when present
 * on this machine) through the op directly, checking values and inferred shapes.
 */
class OnnxNodeCasesTest {
    static final List<Path> SUITES = List.of(
            Path.of(System.getProperty("onyx.onnx112.node", "/usr/share/libonnx-testdata/data/node")),
            Path.of(System.getProperty("onyx.onnx123.node", "/work/shared/onnx-backend-tests/1.23.0/node")));
    static final Set<String> OPS = Set.of("Conv", "MaxPool", "AveragePool", "LpPool", "GlobalAveragePool",
            "GlobalMaxPool", "GlobalLpPool");
    static final List<String> PREFIXES = List.of("test_conv", "test_basic_conv", "test_maxpool", "test_averagepool",
            "test_globalaveragepool", "test_globalmaxpool", "test_lppool", "test_globallppool");

    static List<OnnxCaseReader.Case> cases() throws IOException {
        List<OnnxCaseReader.Case> all = new ArrayList<>();
        for (Path suite : SUITES) {
            if (!Files.isDirectory(suite)) continue;
            try (Stream<Path> dirs = Files.list(suite)) {
                for (Path d : dirs.sorted().toList()) {
                    String n = d.getFileName().toString();
                    if (PREFIXES.stream().noneMatch(n::startsWith) || !Files.exists(d.resolve("model.onnx"))) continue;
                    OnnxCaseReader.Case c = OnnxCaseReader.read(d);
                    if (c == null || !OPS.contains(c.node().opType())) continue;
                    all.add(new OnnxCaseReader.Case(suite.getParent().getFileName() + "/" + c.name(), c.node(), c.opset(),
                            c.inputs(), c.outputs()));
                }
            }
        }
        return all;
    }

    @TestFactory
    List<DynamicTest> onnxCases() throws IOException {
        List<OnnxCaseReader.Case> cases = cases();
        assumeTrue(!cases.isEmpty(), "no ONNX backend test data on this machine");
        OpRegistry registry = new OpRegistry();
        NnOps.register(registry);
        List<DynamicTest> tests = new ArrayList<>();
        for (OnnxCaseReader.Case c : cases) {
            tests.add(DynamicTest.dynamicTest(c.name(), () -> {
                OpFactory f = registry.find("", c.node().opType(), c.opset());
                assertThat(f).as("factory for %s opset %d", c.node().opType(), c.opset()).isNotNull();
                Op op = f.create(new NodeContext(c.node(), c.opset()));
                List<Tensor> got = op.run(c.inputs());
                List<Fact> facts = op.infer(c.inputs().stream().map(t -> Fact.of(t.dtype(), t.shape())).toList());
                for (int i = 0; i < c.outputs().size(); i++) {
                    Tensor want = c.outputs().get(i);
                    assertThat(facts.get(i).dtype()).isEqualTo(want.dtype());
                    assertThat(facts.get(i).staticShape()).isEqualTo(want.shape());
                    NnAssert.close(got.get(i), want, 1e-3, 1e-5);
                }
            }));
        }
        return tests;
    }
}
