package dev.onyx.pass;

import dev.onyx.SessionOptions.OptimizationLevel;
import dev.onyx.ir.Attribute;
import dev.onyx.ir.Attributes;
import dev.onyx.ir.Fact;
import dev.onyx.ir.Graph;
import dev.onyx.ir.Node;
import dev.onyx.ir.ValueInfo;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each pass rewrites when its pattern and preconditions hold, and leaves the graph alone otherwise. */
class PassesTest {
    private static Node node(String name, String op, List<String> in, List<String> out, Attribute... attrs) {
        return new Node(name, op, "", in, out, Attributes.of(attrs));
    }

    private static Graph graph(List<Node> nodes, List<String> outputs, Map<String, Tensor> inits) {
        return new Graph("g", nodes, List.of(new ValueInfo("x", Fact.of(DType.FLOAT, 1, 2, 3, 3))),
                outputs.stream().map(o -> new ValueInfo(o, Fact.UNKNOWN)).toList(), inits, Map.of());
    }

    private static Map<String, Tensor> convBnInits(boolean withBias) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("w", Tensor.of(new float[] {1, 2, 3, 4}, 2, 2, 1, 1));
        if (withBias) m.put("b", Tensor.of(new float[] {0.5f, -0.5f}, 2));
        m.put("gamma", Tensor.of(new float[] {2, 3}, 2));
        m.put("beta", Tensor.of(new float[] {1, -1}, 2));
        m.put("mean", Tensor.of(new float[] {0.25f, 0.75f}, 2));
        m.put("var", Tensor.of(new float[] {4, 9}, 2));
        return m;
    }

    private static List<Node> convBn(boolean withBias) {
        return List.of(
                node("conv", "Conv", withBias ? List.of("x", "w", "b") : List.of("x", "w"), List.of("c")),
                node("bn", "BatchNormalization", List.of("c", "gamma", "beta", "mean", "var"), List.of("y"),
                        Attribute.ofFloat("epsilon", 0f)));
    }

    @Test
    void foldsBatchNormIntoConvWeightsAndBias() {
        Pass.Result r = new FoldBatchNormIntoConv().apply(graph(convBn(true), List.of("y"), convBnInits(true)));
        assertThat(r).isNotNull();
        assertThat(r.graph().nodes()).hasSize(1);
        Node conv = r.graph().nodes().get(0);
        assertThat(conv.opType()).isEqualTo("Conv");
        assertThat(conv.outputs()).containsExactly("y");
        // s = gamma / sqrt(var) = [1, 1]; w' = w; b' = (b - mean) * s + beta
        float[] w = r.graph().initializers().get(conv.input(1)).floats();
        float[] b = r.graph().initializers().get(conv.input(2)).floats();
        assertThat(w).containsExactly(1, 2, 3, 4);
        assertThat(b).containsExactly(1.25f, -2.25f);
        assertThat(r.graph().initializers()).doesNotContainKeys("gamma", "beta", "mean", "var", "w", "b");
        assertThat(r.rewrites()).extracting(Rewrite::toString).containsExactly("FoldBatchNormIntoConv: conv + bn -> conv");
    }

    @Test
    void foldsIntoAConvWithoutBias() {
        Map<String, Tensor> inits = convBnInits(false);
        inits.put("gamma", Tensor.of(new float[] {4, 6}, 2));
        Pass.Result r = new FoldBatchNormIntoConv().apply(graph(convBn(false), List.of("y"), inits));
        Node conv = r.graph().nodes().get(0);
        assertThat(r.graph().initializers().get(conv.input(1)).floats()).containsExactly(2, 4, 6, 8);
        assertThat(r.graph().initializers().get(conv.input(2)).floats()).containsExactly(0.5f, -2.5f);
    }

    @Test
    void keepsBatchNormWhenConvOutputHasASecondReader() {
        List<Node> nodes = new java.util.ArrayList<>(convBn(true));
        nodes.add(node("other", "Relu", List.of("c"), List.of("z")));
        assertThat(new FoldBatchNormIntoConv().apply(graph(nodes, List.of("y", "z"), convBnInits(true)))).isNull();
    }

    @Test
    void keepsBatchNormWhenConvOutputIsAGraphOutput() {
        assertThat(new FoldBatchNormIntoConv().apply(graph(convBn(true), List.of("y", "c"), convBnInits(true)))).isNull();
    }

    @Test
    void keepsBatchNormWhenAParameterIsNotConstant() {
        Map<String, Tensor> inits = convBnInits(true);
        inits.remove("gamma");
        Graph g = new Graph("g", convBn(true), List.of(new ValueInfo("x", Fact.UNKNOWN), new ValueInfo("gamma", Fact.UNKNOWN)),
                List.of(new ValueInfo("y", Fact.UNKNOWN)), inits, Map.of());
        assertThat(new FoldBatchNormIntoConv().apply(g)).isNull();
    }

    @Test
    void keepsBatchNormWhenWeightsAreAnOverridableInput() {
        Graph g = new Graph("g", convBn(true), List.of(new ValueInfo("x", Fact.UNKNOWN), new ValueInfo("w", Fact.UNKNOWN)),
                List.of(new ValueInfo("y", Fact.UNKNOWN)), convBnInits(true), Map.of());
        assertThat(new FoldBatchNormIntoConv().apply(g)).isNull();
    }

    @Test
    void keepsBatchNormInTrainingMode() {
        List<Node> nodes = List.of(convBn(true).get(0), node("bn", "BatchNormalization",
                List.of("c", "gamma", "beta", "mean", "var"), List.of("y"), Attribute.ofInt("training_mode", 1)));
        assertThat(new FoldBatchNormIntoConv().apply(graph(nodes, List.of("y"), convBnInits(true)))).isNull();
    }

    @Test
    void removesIdentityAndInferenceDropout() {
        List<Node> nodes = List.of(
                node("id", "Identity", List.of("x"), List.of("a")),
                node("drop", "Dropout", List.of("a"), List.of("b", "")),
                node("relu", "Relu", List.of("b"), List.of("y")));
        Optimizer.Outcome o = Optimizer.forLevel(OptimizationLevel.BASIC).optimize(graph(nodes, List.of("y"), Map.of()));
        assertThat(o.graph().nodes()).extracting(Node::opType).containsExactly("Relu");
        assertThat(o.graph().nodes().get(0).inputs()).containsExactly("x");
        assertThat(o.rewrites()).extracting(Rewrite::pass).containsExactly("EliminateIdentity", "EliminateDropout");
    }

    @Test
    void keepsDropoutWhoseMaskIsRead() {
        List<Node> nodes = List.of(node("drop", "Dropout", List.of("x"), List.of("a", "mask")),
                node("relu", "Relu", List.of("a"), List.of("y")));
        Optimizer.Outcome o = Optimizer.forLevel(OptimizationLevel.ALL).optimize(graph(nodes, List.of("y", "mask"), Map.of()));
        assertThat(o.graph().nodes()).extracting(Node::opType).containsExactly("Dropout", "Relu");
    }

    @Test
    void identityProducingAGraphOutputHandsItToItsProducer() {
        List<Node> nodes = List.of(node("relu", "Relu", List.of("x"), List.of("a")), node("id", "Identity", List.of("a"), List.of("y")));
        Pass.Result r = new EliminateIdentity().apply(graph(nodes, List.of("y"), Map.of()));
        assertThat(r.graph().nodes()).extracting(Node::name).containsExactly("relu");
        assertThat(r.graph().nodes().get(0).outputs()).containsExactly("y");
    }

    @Test
    void keepsIdentityThatProducesAGraphOutput() {
        List<Node> nodes = List.of(node("id", "Identity", List.of("x"), List.of("y")));
        assertThat(new EliminateIdentity().apply(graph(nodes, List.of("y"), Map.of()))).isNull();
    }

    @Test
    void removesDeadNodes() {
        List<Node> nodes = List.of(node("used", "Relu", List.of("x"), List.of("y")),
                node("dead", "Relu", List.of("x"), List.of("unused")));
        Pass.Result r = new EliminateDeadNodes().apply(graph(nodes, List.of("y"), Map.of()));
        assertThat(r.graph().nodes()).extracting(Node::name).containsExactly("used");
    }

    @Test
    void levelNoneChangesNothing() {
        List<Node> nodes = List.of(node("id", "Identity", List.of("x"), List.of("a")), node("relu", "Relu", List.of("a"), List.of("y")));
        Graph g = graph(nodes, List.of("y"), Map.of());
        Optimizer.Outcome o = Optimizer.forLevel(OptimizationLevel.NONE).optimize(g);
        assertThat(o.graph()).isSameAs(g);
        assertThat(o.rewrites()).isEmpty();
    }

    @Test
    void collapsesTransposePairs() {
        List<Node> nodes = List.of(
                node("to_nhwc", "Transpose", List.of("x"), List.of("a"), Attribute.ofInts("perm", List.of(0L, 2L, 3L, 1L))),
                node("to_nchw", "Transpose", List.of("a"), List.of("b"), Attribute.ofInts("perm", List.of(0L, 3L, 1L, 2L))),
                node("relu", "Relu", List.of("b"), List.of("y")));
        Pass.Result r = new CollapseTransposes().apply(graph(nodes, List.of("y"), Map.of()));
        assertThat(r.graph().nodes()).extracting(Node::opType).containsExactly("Relu");
        assertThat(r.graph().nodes().get(0).inputs()).containsExactly("x");
    }

    @Test
    void composesTransposesThatAreNotInverse() {
        List<Node> nodes = List.of(
                node("t1", "Transpose", List.of("x"), List.of("a"), Attribute.ofInts("perm", List.of(0L, 2L, 3L, 1L))),
                node("t2", "Transpose", List.of("a"), List.of("y"), Attribute.ofInts("perm", List.of(0L, 2L, 3L, 1L))));
        Pass.Result r = new CollapseTransposes().apply(graph(nodes, List.of("y"), Map.of()));
        assertThat(r.graph().nodes()).hasSize(1);
        Node t = r.graph().nodes().get(0);
        assertThat(t.inputs()).containsExactly("x");
        assertThat(t.attributes().getInts("perm")).containsExactly(0, 3, 1, 2);
    }

    @Test
    void keepsTransposesWhenTheMiddleValueIsReadElsewhere() {
        List<Node> nodes = List.of(
                node("t1", "Transpose", List.of("x"), List.of("a"), Attribute.ofInts("perm", List.of(0L, 2L, 3L, 1L))),
                node("t2", "Transpose", List.of("a"), List.of("b"), Attribute.ofInts("perm", List.of(0L, 3L, 1L, 2L))),
                node("other", "Relu", List.of("a"), List.of("z")),
                node("relu", "Relu", List.of("b"), List.of("y")));
        assertThat(new CollapseTransposes().apply(graph(nodes, List.of("y", "z"), Map.of()))).isNull();
    }
}
