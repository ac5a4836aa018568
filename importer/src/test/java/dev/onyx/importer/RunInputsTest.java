package dev.onyx.importer;

import dev.onyx.Onnx;
import dev.onyx.OnyxException;
import dev.onyx.Session;
import dev.onyx.ir.Dim;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;
import dev.onyx.importer.proto.OnnxProto.AttributeProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Run-time inputs at the edges: NaN and infinities, empty tensors, symbolic dimensions. */
class RunInputsTest {
    private static final float NAN = Float.NaN;
    private static final float INF = Float.POSITIVE_INFINITY;

    private static float[] run1(String op, float[] x, AttributeProto... attrs) {
        byte[] m = ModelBuilder.create().input("x", DType.FLOAT, x.length).output("y", DType.FLOAT, x.length)
                .node(op, List.of("x"), List.of("y"), attrs).bytes();
        try (Session s = Onnx.load(m)) {
            return s.run(Map.of("x", Tensor.of(x, x.length))).get("y").floats();
        }
    }

    @Test
    void nanAndInfinityPropagateAsTheSpecSays() {
        float[] x = {NAN, INF, -INF, 1};
        assertThat(run1("Relu", x)).containsExactly(NAN, INF, 0, 1);
        assertThat(run1("Abs", x)).containsExactly(NAN, INF, INF, 1);
        assertThat(run1("Neg", x)).containsExactly(NAN, -INF, INF, -1);
        assertThat(run1("Exp", x)).containsExactly(NAN, INF, 0, (float) Math.E);
        assertThat(run1("Sigmoid", x)[0]).isNaN();
        assertThat(run1("Sigmoid", x)).startsWith(NAN, 1f, 0f);
        assertThat(run1("Tanh", x)).startsWith(NAN, 1f, -1f);
        assertThat(run1("Sqrt", new float[] {-1, INF, 4, NAN})).containsExactly(NAN, INF, 2, NAN);
        assertThat(run1("Log", new float[] {0, -1, INF, NAN})).containsExactly(-INF, NAN, INF, NAN);
        // softmax of a row holding +inf: inf - inf is NaN (numpy reference)
        assertThat(run1("Softmax", new float[] {INF, 1, 2, 3})).containsOnly(NAN);
        assertThat(run1("Softmax", new float[] {NAN, 1, 2, 3})).containsOnly(NAN);
    }

    @Test
    void nanAndInfinityThroughBinaryOps() {
        byte[] m = ModelBuilder.create().input("a", DType.FLOAT, 4).input("b", DType.FLOAT, 4)
                .output("sum", DType.FLOAT, 4).output("prod", DType.FLOAT, 4).output("div", DType.FLOAT, 4)
                .output("max", DType.FLOAT, 4)
                .node("Add", List.of("a", "b"), List.of("sum"))
                .node("Mul", List.of("a", "b"), List.of("prod"))
                .node("Div", List.of("a", "b"), List.of("div"))
                .node("Max", List.of("a", "b"), List.of("max")).bytes();
        try (Session s = Onnx.load(m)) {
            Map<String, Tensor> out = s.run(Map.of("a", Tensor.of(new float[] {INF, 0, NAN, 1}, 4),
                    "b", Tensor.of(new float[] {-INF, INF, 1, 0}, 4)));
            assertThat(out.get("sum").floats()).containsExactly(NAN, INF, NAN, 1);
            assertThat(out.get("prod").floats()).containsExactly(-INF, NAN, NAN, 0);
            assertThat(out.get("div").floats()).containsExactly(NAN, 0, NAN, INF);
            assertThat(out.get("max").floats()).containsExactly(INF, INF, NAN, 1);
        }
    }

    /** op, attributes, expected output shape for an input of shape [0, 3]. */
    static Stream<Arguments> emptyCases() {
        return Stream.of(
                Arguments.of("Relu", List.of(), new int[] {0, 3}),
                Arguments.of("Abs", List.of(), new int[] {0, 3}),
                Arguments.of("Exp", List.of(), new int[] {0, 3}),
                Arguments.of("Sigmoid", List.of(), new int[] {0, 3}),
                Arguments.of("Tanh", List.of(), new int[] {0, 3}),
                Arguments.of("Identity", List.of(), new int[] {0, 3}),
                Arguments.of("Softmax", List.of(ModelBuilder.intAttr("axis", 1)), new int[] {0, 3}),
                Arguments.of("LogSoftmax", List.of(ModelBuilder.intAttr("axis", 1)), new int[] {0, 3}),
                Arguments.of("Transpose", List.of(), new int[] {3, 0}),
                Arguments.of("Flatten", List.of(ModelBuilder.intAttr("axis", 1)), new int[] {0, 3}),
                Arguments.of("ReduceSum", List.of(ModelBuilder.intAttr("keepdims", 1)), new int[] {1, 1}),
                Arguments.of("ReduceMean", List.of(ModelBuilder.intsAttr("axes", 1), ModelBuilder.intAttr("keepdims", 0)), new int[] {0}),
                Arguments.of("Cast", List.of(ModelBuilder.intAttr("to", 11)), new int[] {0, 3}),
                Arguments.of("Dropout", List.of(), new int[] {0, 3}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("emptyCases")
    void emptyTensorsFollowTheSpecOrAreRefusedClearly(String op, List<AttributeProto> attrs, int[] expected) {
        // opset 13 for the ops whose axes are attributes there
        byte[] m = ModelBuilder.create().opset(op.equals("ReduceMean") ? 13 : 17)
                .input("x", DType.FLOAT, "N", 3).output("y", op.equals("Cast") ? DType.DOUBLE : DType.FLOAT)
                .node(op, "n", List.of("x"), List.of("y"), attrs.toArray(new AttributeProto[0])).bytes();
        try (Session s = Onnx.load(m)) {
            Tensor y;
            try {
                y = s.run(Map.of("x", Tensor.zeros(DType.FLOAT, 0, 3))).get("y");
            } catch (OnyxException e) {
                assertThat(e.getMessage()).startsWith("<bytes>: node 'n' (" + op).contains("empty");
                return;
            }
            assertThat(y.shape()).containsExactly(expected);
            if (op.equals("ReduceSum")) assertThat(y.floats()).containsExactly(0f); // the sum of nothing is 0
        }
    }

    @Test
    void aConvNetOnAnEmptyBatchGivesAnEmptyBatch() {
        try (Session s = Onnx.load(TestModels.cnn())) {
            Tensor y = s.run(Map.of("x", Tensor.zeros(DType.FLOAT, 0, 2, 6, 6))).get("y");
            assertThat(y.shape()).containsExactly(0, 3, 3, 3);
        }
    }

    @Test
    void symbolicDimensionsBindConsistentlyAcrossInputs() {
        byte[] m = ModelBuilder.create().input("a", DType.FLOAT, "N", "K").input("b", DType.FLOAT, "K")
                .output("y", DType.FLOAT, "N", "K")
                .node("Add", List.of("a", "b"), List.of("y")).bytes();
        try (Session s = Onnx.load(m)) {
            assertThat(s.inputs().get(0).fact().dims()).containsExactly(Dim.symbol("N"), Dim.symbol("K"));
            assertThat(s.run(Map.of("a", Tensor.of(new float[6], 2, 3), "b", Tensor.of(new float[] {1, 2, 3}, 3)))
                    .get("y").floats()).containsExactly(1, 2, 3, 1, 2, 3);
            assertThatThrownBy(() -> s.run(Map.of("a", Tensor.of(new float[6], 2, 3), "b", Tensor.of(new float[2], 2))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("input 'b': dimension 0 ('K') is 2 but another input binds 'K' to 3");
        }
    }
}
