package dev.onyx.conformance;

import dev.onyx.Onnx;
import dev.onyx.Session;
import dev.onyx.SessionOptions;
import dev.onyx.ir.Graph;
import dev.onyx.ir.Node;
import dev.onyx.pass.Rewrite;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the optimizer leaves of real CNNs at level ALL: no BatchNormalization, no Relu or Clip standing alone after
 * a convolution, no Identity, no Dropout. (That the results stay the same is checked by {@link SharedModelsTest}.)
 */
class OptimizedModelsTest {
    @ParameterizedTest
    @ValueSource(strings = {"resnet18_bn", "mobilenet_v2_bn", "seed_cnn_opset13", "seed_cnn_opset17", "squeezenet1_1"})
    void cnnPatternsAreFused(String name) {
        Path model = CaseDiscovery.sharedModels().resolve(name).resolve("model.onnx");
        Assumptions.assumeTrue(Files.isRegularFile(model), "skipped: " + model + " is absent (../shared/models)");
        try (Session s = Onnx.load(model, SessionOptions.defaults().withThreads(1))) {
            Graph g = s.optimizedGraph();
            Map<String, Node> producer = new HashMap<>();
            for (Node n : g.nodes()) for (String o : n.outputs()) producer.put(o, n);
            for (Node n : g.nodes()) {
                assertThat(n.opType()).as("node %s", n).isNotIn("BatchNormalization", "Identity", "Dropout");
                if (n.opType().equals("Relu") || n.opType().equals("Clip")) {
                    Node p = producer.get(n.input(0));
                    assertThat(p == null ? "" : p.opType()).as("%s reads a convolution", n).isNotIn("Conv", "FusedConv");
                }
            }
            List<String> passes = s.rewrites().stream().map(Rewrite::pass).distinct().toList();
            assertThat(passes).isNotEmpty();
            if (name.endsWith("_bn")) assertThat(passes).contains("FoldBatchNormIntoConv", "FuseConvActivation");
            if (name.equals("resnet18_bn")) assertThat(passes).contains("FuseConvAddRelu");
        }
    }
}
