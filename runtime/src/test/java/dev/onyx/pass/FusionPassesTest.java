package dev.onyx.pass;

import dev.onyx.SessionOptions;
import dev.onyx.ir.Attribute;
import dev.onyx.ir.Attributes;
import dev.onyx.ir.Fact;
import dev.onyx.ir.Graph;
import dev.onyx.ir.Node;
import dev.onyx.ir.ValueInfo;
import dev.onyx.ops.OpRegistry;
import dev.onyx.runtime.Compiler;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** The fusion and folding passes: each rewrites when its pattern holds and not when a precondition fails. */
class FusionPassesTest {
    private static final Function<Graph, Map<String, Fact>> FACTS = g ->
            new Compiler(OpRegistry.standard(), SessionOptions.defaults(), "test", Map.of("", 17)).factsByName(g);

    private static Node node(String name, String op, List<String> in, List<String> out, Attribute... attrs) {
        return new Node(name, op, "", in, out, Attributes.of(attrs));
    }

    private static Graph graph(List<ValueInfo> inputs, List<Node> nodes, List<String> outputs, Map<String, Tensor> inits) {
        return new Graph("g", nodes, inputs, outputs.stream().map(o -> new ValueInfo(o, Fact.UNKNOWN)).toList(), inits, Map.of());
    }

    private static final List<ValueInfo> X = List.of(new ValueInfo("x", Fact.of(DType.FLOAT, 1, 2, 3, 3)));

    private static Map<String, Tensor> convWeights() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("w", Tensor.of(new float[] {1, -1, 2, 0.5f}, 2, 2, 1, 1));
        m.put("b", Tensor.of(new float[] {0.1f, -0.2f}, 2));
        return m;
    }

    @Test
    void convAndReluBecomeOneFusedConv() {
        List<Node> nodes = List.of(node("conv", "Conv", List.of("x", "w", "b"), List.of("c")), node("relu", "Relu", List.of("c"), List.of("y")));
        Pass.Result r = new FuseActivation("Conv", 17).apply(graph(X, nodes, List.of("y"), convWeights()));
        assertThat(r.graph().nodes()).hasSize(1);
        Node f = r.graph().nodes().get(0);
        assertThat(f.domain()).isEqualTo("ai.onyx");
        assertThat(f.opType()).isEqualTo("FusedConv");
        assertThat(f.attributes().getString("activation", "")).isEqualTo("Relu");
        assertThat(f.outputs()).containsExactly("y");
    }

    @Test
    void clipWithConstantBoundsIsFusedAsRelu6() {
        Map<String, Tensor> inits = convWeights();
        inits.put("lo", Tensor.scalar(0f));
        inits.put("hi", Tensor.scalar(6f));
        List<Node> nodes = List.of(node("conv", "Conv", List.of("x", "w", "b"), List.of("c")),
                node("clip", "Clip", List.of("c", "lo", "hi"), List.of("y")));
        Node f = new FuseActivation("Conv", 17).apply(graph(X, nodes, List.of("y"), inits)).graph().nodes().get(0);
        assertThat(f.attributes().getString("activation", "")).isEqualTo("Clip");
        assertThat(f.attributes().getFloats("activation_params")).containsExactly(0f, 6f);
    }

    @Test
    void clipWithRuntimeBoundsIsNotFused() {
        List<ValueInfo> inputs = List.of(X.get(0), new ValueInfo("hi", Fact.of(DType.FLOAT)));
        List<Node> nodes = List.of(node("conv", "Conv", List.of("x", "w", "b"), List.of("c")),
                node("clip", "Clip", List.of("c", "", "hi"), List.of("y")));
        assertThat(new FuseActivation("Conv", 17).apply(graph(inputs, nodes, List.of("y"), convWeights()))).isNull();
    }

    @Test
    void siluIsFused() {
        List<Node> nodes = List.of(node("conv", "Conv", List.of("x", "w", "b"), List.of("c")),
                node("sig", "Sigmoid", List.of("c"), List.of("s")), node("mul", "Mul", List.of("c", "s"), List.of("y")));
        Pass.Result r = new FuseActivation("Conv", 17).apply(graph(X, nodes, List.of("y"), convWeights()));
        assertThat(r.graph().nodes()).hasSize(1);
        assertThat(r.graph().nodes().get(0).attributes().getString("activation", "")).isEqualTo("SiLU");
    }

    @Test
    void activationIsNotFusedWhenTheConvOutputHasAnotherReader() {
        List<Node> nodes = List.of(node("conv", "Conv", List.of("x", "w", "b"), List.of("c")),
                node("relu", "Relu", List.of("c"), List.of("y")), node("tanh", "Tanh", List.of("c"), List.of("z")));
        assertThat(new FuseActivation("Conv", 17).apply(graph(X, nodes, List.of("y", "z"), convWeights()))).isNull();
    }

    @Test
    void residualAddAndReluAreFusedWhenShapesMatch() {
        List<ValueInfo> inputs = List.of(X.get(0), new ValueInfo("skip", Fact.of(DType.FLOAT, 1, 2, 3, 3)));
        List<Node> nodes = List.of(node("conv", "Conv", List.of("x", "w", "b"), List.of("c")),
                node("add", "Add", List.of("c", "skip"), List.of("s")), node("relu", "Relu", List.of("s"), List.of("y")));
        Pass.Result r = new FuseConvAdd(17, FACTS).apply(graph(inputs, nodes, List.of("y"), convWeights()));
        assertThat(r.graph().nodes()).hasSize(1);
        Node f = r.graph().nodes().get(0);
        assertThat(f.inputs()).containsExactly("x", "w", "b", "skip");
        assertThat(f.attributes().getString("activation", "")).isEqualTo("Relu");
    }

    @Test
    void residualAddIsNotFusedWhenItBroadcasts() {
        List<ValueInfo> inputs = List.of(X.get(0), new ValueInfo("skip", Fact.of(DType.FLOAT, 1, 2, 1, 1)));
        List<Node> nodes = List.of(node("conv", "Conv", List.of("x", "w", "b"), List.of("c")),
                node("add", "Add", List.of("c", "skip"), List.of("y")));
        assertThat(new FuseConvAdd(17, FACTS).apply(graph(inputs, nodes, List.of("y"), convWeights()))).isNull();
    }

    @Test
    void matMulPlusBiasBecomesGemm() {
        Map<String, Tensor> inits = new LinkedHashMap<>();
        inits.put("B", Tensor.of(new float[6], 3, 2));
        inits.put("bias", Tensor.of(new float[2], 2));
        List<ValueInfo> a = List.of(new ValueInfo("a", Fact.of(DType.FLOAT, 4, 3)));
        List<Node> nodes = List.of(node("mm", "MatMul", List.of("a", "B"), List.of("m")), node("add", "Add", List.of("m", "bias"), List.of("y")));
        Pass.Result r = new MatMulAddToGemm(FACTS).apply(graph(a, nodes, List.of("y"), inits));
        assertThat(r.graph().nodes()).extracting(Node::opType).containsExactly("Gemm");
        assertThat(r.graph().nodes().get(0).inputs()).containsExactly("a", "B", "bias");
    }

    @Test
    void matMulWithBatchedInputStaysMatMul() {
        Map<String, Tensor> inits = new LinkedHashMap<>();
        inits.put("B", Tensor.of(new float[6], 3, 2));
        inits.put("bias", Tensor.of(new float[2], 2));
        List<ValueInfo> a = List.of(new ValueInfo("a", Fact.of(DType.FLOAT, 5, 4, 3)));
        List<Node> nodes = List.of(node("mm", "MatMul", List.of("a", "B"), List.of("m")), node("add", "Add", List.of("m", "bias"), List.of("y")));
        assertThat(new MatMulAddToGemm(FACTS).apply(graph(a, nodes, List.of("y"), inits))).isNull();
    }

    @Test
    void shapeArithmeticOnAStaticShapeIsFolded() {
        Map<String, Tensor> inits = new LinkedHashMap<>();
        inits.put("zero", Tensor.of(new long[] {0}, 1));
        inits.put("minus1", Tensor.of(new long[] {-1}, 1));
        List<Node> nodes = List.of(
                node("shape", "Shape", List.of("x"), List.of("s")),
                node("gather", "Gather", List.of("s", "zero"), List.of("n")),
                node("concat", "Concat", List.of("n", "minus1"), List.of("target"), Attribute.ofInt("axis", 0)),
                node("reshape", "Reshape", List.of("x", "target"), List.of("y")));
        Optimizer.Outcome o = Optimizer.forLevel(SessionOptions.OptimizationLevel.BASIC, 17, FACTS)
                .optimize(graph(X, nodes, List.of("y"), inits));
        assertThat(o.graph().nodes()).extracting(Node::opType).containsExactly("Reshape");
        String target = o.graph().nodes().get(0).input(1);
        assertThat(o.graph().initializers().get(target).longs()).containsExactly(1, -1);
        assertThat(o.rewrites()).extracting(Rewrite::pass).contains("FoldConstants");
    }

    @Test
    void constantNodesBecomeInitializersButGraphOutputsStay() {
        List<Node> nodes = List.of(
                new Node("k", "Constant", "", List.of(), List.of("k_out"), Attributes.of(Attribute.ofTensor("value", Tensor.scalar(2f)))),
                node("mul", "Mul", List.of("x", "k_out"), List.of("y")),
                new Node("k2", "Constant", "", List.of(), List.of("z"), Attributes.of(Attribute.ofTensor("value", Tensor.scalar(3f)))));
        Pass.Result r = new FoldConstants(FACTS).apply(graph(X, nodes, List.of("y", "z"), Map.of()));
        assertThat(r.graph().nodes()).extracting(Node::name).containsExactly("mul", "k2");
        assertThat(r.graph().initializers().get("k_out").floats()).containsExactly(2f);
        assertThat(Set.copyOf(r.rewrites().stream().map(Rewrite::pass).toList())).containsExactly("FoldConstants");
    }
}
