package dev.onyx.importer;

import com.google.protobuf.ByteString;
import dev.onyx.InvalidModelException;
import dev.onyx.LimitExceededException;
import dev.onyx.Onnx;
import dev.onyx.OnyxException;
import dev.onyx.SessionOptions;
import dev.onyx.UnsupportedModelException;
import dev.onyx.importer.proto.OnnxProto.AttributeProto;
import dev.onyx.importer.proto.OnnxProto.GraphProto;
import dev.onyx.importer.proto.OnnxProto.ModelProto;
import dev.onyx.importer.proto.OnnxProto.NodeProto;
import dev.onyx.importer.proto.OnnxProto.OperatorSetIdProto;
import dev.onyx.importer.proto.OnnxProto.SparseTensorProto;
import dev.onyx.importer.proto.OnnxProto.TensorProto;
import dev.onyx.importer.proto.OnnxProto.TensorShapeProto;
import dev.onyx.importer.proto.OnnxProto.TypeProto;
import dev.onyx.importer.proto.OnnxProto.ValueInfoProto;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A corpus of malformed models, one file per defect (written to target/malformed-models/), each refused
 * with its own exception type and message. The messages here are the contract: they must stay specific.
 */
class MalformedModelCorpusTest {
    private static final Path CORPUS = Path.of("target", "malformed-models");

    /** One defect: the file, the options it is loaded with, and what must come out. */
    record Case(String name, Supplier<byte[]> bytes, SessionOptions options,
                Class<? extends OnyxException> type, String message, boolean exact) {
        @Override
        public String toString() { return name; }
    }

    private static Case exact(String name, Class<? extends OnyxException> type, String message, Supplier<byte[]> bytes) {
        return new Case(name, bytes, SessionOptions.defaults(), type, name + ".onnx: " + message, true);
    }

    private static Case prefix(String name, Class<? extends OnyxException> type, String message, Supplier<byte[]> bytes) {
        return new Case(name, bytes, SessionOptions.defaults(), type, name + ".onnx: " + message, false);
    }

    private static Case with(Case c, SessionOptions options) {
        return new Case(c.name, c.bytes, options, c.type, c.message, c.exact);
    }

    private static ModelBuilder identity() {
        return ModelBuilder.create().input("x", DType.FLOAT, 2).output("y", DType.FLOAT, 2)
                .node("Identity", "id", List.of("x"), List.of("y"));
    }

    private static byte[] withInitializer(TensorProto t) {
        return identity().initializer(t).bytes();
    }

    private static TensorProto.Builder floats(String name, long... dims) {
        TensorProto.Builder b = TensorProto.newBuilder().setName(name).setDataType(DType.FLOAT.onnxCode());
        for (long d : dims) b.addDims(d);
        return b;
    }

    private static byte[] withNode(NodeProto n) {
        ModelProto m = identity().proto();
        return m.toBuilder().setGraph(m.getGraph().toBuilder().addNode(n)).build().toByteArray();
    }

    private static byte[] withInput(ValueInfoProto v) {
        ModelProto m = identity().proto();
        return m.toBuilder().setGraph(m.getGraph().toBuilder().addInput(v)).build().toByteArray();
    }

    private static ValueInfoProto floatInput(String name, long... dims) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (long d : dims) s.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(1).setShape(s))).build();
    }

    /** If nodes nested {@code levels} deep, each then_branch holding the next. */
    private static byte[] nestedIfs(int levels) {
        GraphProto g = GraphProto.newBuilder().setName("leaf").build();
        for (int i = 0; i < levels; i++) {
            g = GraphProto.newBuilder().setName("g" + i)
                    .addNode(NodeProto.newBuilder().setOpType("If").setName("if" + i)
                            .addAttribute(AttributeProto.newBuilder().setName("then_branch")
                                    .setType(AttributeProto.AttributeType.GRAPH).setG(g)))
                    .build();
        }
        return ModelProto.newBuilder().setIrVersion(8).setGraph(g).build().toByteArray();
    }

    static Stream<Case> cases() {
        AttributeProto alpha = ModelBuilder.floatAttr("alpha", 0.5f);
        return Stream.of(
                exact("empty", InvalidModelException.class, "the file is empty, not an ONNX model", () -> new byte[0]),
                prefix("truncated", InvalidModelException.class, "not a valid ONNX protobuf file (While parsing a protocol message, the input ended unexpectedly",
                        () -> { byte[] b = identity().bytes(); return Arrays.copyOf(b, b.length - 7); }),
                prefix("random_bytes", InvalidModelException.class, "not a valid ONNX protobuf file",
                        () -> { byte[] b = new byte[1024]; new Random(1).nextBytes(b); return b; }),
                exact("no_graph", InvalidModelException.class, "the model has no graph (is this an ONNX model file?)",
                        () -> ModelProto.newBuilder().setIrVersion(8).build().toByteArray()),
                exact("no_ir_version", InvalidModelException.class, "ir_version is missing or invalid (0)",
                        () -> identity().proto().toBuilder().clearIrVersion().build().toByteArray()),
                exact("negative_opset", InvalidModelException.class, "opset version -1 is out of range",
                        () -> identity().proto().toBuilder().clearOpsetImport()
                                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(-1)).build().toByteArray()),
                exact("opset_too_new", UnsupportedModelException.class,
                        "the model imports default-domain opset 99; Onyx supports opsets 1 to 28", () -> identity().opset(99).bytes()),
                exact("declares_1e12_elements", LimitExceededException.class,
                        "tensor 'big': dims [1000000, 1000000] declare more elements than a tensor can hold (2^31)",
                        () -> withInitializer(floats("big", 1_000_000, 1_000_000).setRawData(ByteString.copyFrom(new byte[1000])).build())),
                exact("dims_product_overflows", LimitExceededException.class,
                        "tensor 'w': dims [4294967296, 4294967296, 4294967296] declare more elements than a tensor can hold (2^31)",
                        () -> withInitializer(floats("w", 1L << 32, 1L << 32, 1L << 32).build())),
                exact("raw_data_shorter_than_dims", InvalidModelException.class,
                        "tensor 'w': raw_data holds 8 bytes but dims [1073741824] of float32 need 4294967296",
                        () -> withInitializer(floats("w", 1L << 30).setRawData(ByteString.copyFrom(new byte[8])).build())),
                exact("typed_data_shorter_than_dims", InvalidModelException.class,
                        "tensor 'w': dims [100000000] declare 100000000 elements but 2 values are stored",
                        () -> withInitializer(floats("w", 100_000_000).addFloatData(1).addFloatData(2).build())),
                exact("negative_dim_in_tensor", InvalidModelException.class, "tensor 'w': negative dimension -3 at axis 0",
                        () -> withInitializer(floats("w", -3).build())),
                exact("negative_dim_in_input", InvalidModelException.class, "graph input 'z': negative dimension -2",
                        () -> withInput(floatInput("z", 4, -2))),
                exact("no_data_type", InvalidModelException.class, "tensor 'w': data_type is not set",
                        () -> withInitializer(TensorProto.newBuilder().setName("w").addDims(1).build())),
                exact("unsupported_data_type", UnsupportedModelException.class, "tensor 'c': data type complex64 is not supported",
                        () -> withInitializer(TensorProto.newBuilder().setName("c").setDataType(14).addDims(1).build())),
                exact("string_raw_data", InvalidModelException.class, "tensor 's': string tensors cannot use raw_data",
                        () -> withInitializer(TensorProto.newBuilder().setName("s").setDataType(8).addDims(1)
                                .setRawData(ByteString.copyFrom("a", StandardCharsets.UTF_8)).build())),
                exact("initializer_without_name", InvalidModelException.class, "graph 'test': an initializer has no name",
                        () -> withInitializer(floats("", 1).addFloatData(1).build())),
                exact("initializer_twice", InvalidModelException.class, "initializer 'w' is defined twice",
                        () -> identity().initializer(floats("w", 1).addFloatData(1).build())
                                .initializer(floats("w", 1).addFloatData(2).build()).bytes()),
                exact("sparse_index_out_of_range", InvalidModelException.class, "sparse tensor: index 9 out of range",
                        () -> {
                            ModelProto m = identity().proto();
                            SparseTensorProto sp = SparseTensorProto.newBuilder().addDims(4)
                                    .setValues(floats("sv", 1).addFloatData(5).build())
                                    .setIndices(TensorProto.newBuilder().setName("si").setDataType(7).addDims(1).addInt64Data(9))
                                    .build();
                            return m.toBuilder().setGraph(m.getGraph().toBuilder().addSparseInitializer(sp)).build().toByteArray();
                        }),
                exact("input_declared_twice", InvalidModelException.class, "graph input 'x' is declared twice",
                        () -> withInput(floatInput("x", 2))),
                exact("sequence_input", UnsupportedModelException.class,
                        "graph input 's': values of type sequence are not supported (only tensors)",
                        () -> withInput(ValueInfoProto.newBuilder().setName("s").setType(TypeProto.newBuilder()
                                .setSequenceType(TypeProto.Sequence.newBuilder())).build())),
                exact("undefined_input", InvalidModelException.class,
                        "node 'n' (Relu): input 'ghost' is not a graph input, an initializer or the output of any node",
                        () -> withNode(NodeProto.newBuilder().setName("n").setOpType("Relu").addInput("ghost").addOutput("r").build())),
                exact("output_defined_twice", InvalidModelException.class,
                        "node 'n' (Relu): output 'y' is already defined by node 'id' (Identity)",
                        () -> withNode(NodeProto.newBuilder().setName("n").setOpType("Relu").addInput("x").addOutput("y").build())),
                prefix("cycle", InvalidModelException.class, "the graph has a cycle through node '",
                        () -> identity().node("Relu", "a", List.of("b_out"), List.of("a_out"))
                                .node("Relu", "b", List.of("a_out"), List.of("b_out")).bytes()),
                exact("output_not_produced", InvalidModelException.class, "graph output 'y' is not produced by any node",
                        () -> ModelBuilder.create().input("x", DType.FLOAT, 2).output("y", DType.FLOAT, 2)
                                .node("Identity", List.of("x"), List.of("z")).bytes()),
                exact("unsupported_op", UnsupportedModelException.class,
                        "1 unsupported operator:\n  NoSuchOp (domain ai.onnx, opset 17) used by 1 node: n",
                        () -> withNode(NodeProto.newBuilder().setName("n").setOpType("NoSuchOp").addInput("x").addOutput("r").build())),
                exact("empty_op_type", InvalidModelException.class, "node 'n' (): op_type is empty",
                        () -> withNode(NodeProto.newBuilder().setName("n").addInput("x").addOutput("r").build())),
                exact("attribute_without_name", InvalidModelException.class, "node 'n' (LeakyRelu): an attribute has no name",
                        () -> withNode(NodeProto.newBuilder().setName("n").setOpType("LeakyRelu").addInput("x").addOutput("r")
                                .addAttribute(alpha.toBuilder().setName("")).build())),
                exact("attribute_twice", InvalidModelException.class, "node 'n' (LeakyRelu): attribute 'alpha' is given twice",
                        () -> withNode(NodeProto.newBuilder().setName("n").setOpType("LeakyRelu").addInput("x").addOutput("r")
                                .addAttribute(alpha).addAttribute(alpha).build())),
                exact("attribute_without_type_or_value", InvalidModelException.class,
                        "node 'n' (LeakyRelu): attribute 'alpha' has no type and no value",
                        () -> withNode(NodeProto.newBuilder().setName("n").setOpType("LeakyRelu").addInput("x").addOutput("r")
                                .addAttribute(AttributeProto.newBuilder().setName("alpha")).build())),
                exact("protobuf_nested_too_deep", LimitExceededException.class, "the protobuf nesting is deeper than allowed",
                        () -> nestedIfs(60)),
                with(exact("subgraphs_nested_too_deep", LimitExceededException.class,
                        "node 'if3' (If): node 'if2' (If): node 'if1' (If): subgraphs are nested deeper than the limit of 2", () -> nestedIfs(4)),
                        SessionOptions.defaults().withMaxNestingDepth(2)),
                with(exact("too_many_nodes", LimitExceededException.class, "the model has more than 2 nodes (limit)",
                        () -> identity().node("Relu", List.of("x"), List.of("a")).node("Relu", List.of("a"), List.of("b")).bytes()),
                        SessionOptions.defaults().withMaxNodes(2)),
                with(exact("tensor_over_limit", LimitExceededException.class,
                        "tensor 'w': 4000 bytes declared, more than the limit of 1000",
                        () -> withInitializer(TensorEncoder.encode("w", Tensor.of(new float[1000], 1000)))),
                        SessionOptions.defaults().withMaxTensorBytes(1000)),
                with(exact("folds_to_a_huge_constant", LimitExceededException.class,
                        "node 'ConstantOfShape_1' (ConstantOfShape, opset 17): output 0 would take 3600000000 bytes, more than the limit of 1073741824",
                        () -> ModelBuilder.create().output("y", DType.FLOAT, 30_000, 30_000)
                                .initializer("s", Tensor.of(new long[] {30_000, 30_000}, 2))
                                .node("Identity", List.of("s"), List.of("s2"))
                                .node("ConstantOfShape", List.of("s2"), List.of("y")).bytes()),
                        SessionOptions.defaults().withMaxTensorBytes(1L << 30)),
                with(exact("intermediates_over_limit", LimitExceededException.class,
                        "node 'Relu_1' (Relu, opset 17): the run would hold 8000000 bytes of intermediate values at once, "
                                + "more than the limit of 5000000 (SessionOptions.maxIntermediateBytes)",
                        () -> ModelBuilder.create().input("x", DType.FLOAT, 1000, 1000).output("y", DType.FLOAT, 1000, 1000)
                                .node("Relu", List.of("x"), List.of("a"))
                                .node("Relu", List.of("a"), List.of("b"))
                                .node("Add", List.of("a", "b"), List.of("y")).bytes()),
                        SessionOptions.defaults().withMaxIntermediateBytes(5_000_000).withOptimizationLevel(SessionOptions.OptimizationLevel.NONE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachDefectHasItsOwnError(Case c) throws Exception {
        Files.createDirectories(CORPUS);
        Path f = CORPUS.resolve(c.name + ".onnx");
        Files.write(f, c.bytes.get());
        var thrown = assertThatThrownBy(() -> Onnx.load(f, c.options)).isExactlyInstanceOf(c.type);
        if (c.exact) thrown.hasMessage(c.message);
        else thrown.hasMessageStartingWith(c.message);
    }

    @Test
    void corpusNamesAreUnique() {
        assertThat(cases().map(Case::name).distinct().count()).isEqualTo(cases().count());
    }

    @Test
    void anInputShapeOverTheIntermediateLimitFailsTheRun() {
        byte[] m = ModelBuilder.create().input("x", DType.FLOAT, "N").output("y", DType.FLOAT, "N")
                .node("Relu", "r1", List.of("x"), List.of("a"))
                .node("Relu", "r2", List.of("a"), List.of("y")).bytes();
        try (var s = Onnx.load(m, SessionOptions.defaults().withMaxIntermediateBytes(1000))) {
            assertThat(s.run(Map.of("x", Tensor.of(new float[100], 100))).get("y").size()).isEqualTo(100);
            assertThatThrownBy(() -> s.run(Map.of("x", Tensor.of(new float[1000], 1000))))
                    .isExactlyInstanceOf(LimitExceededException.class)
                    .hasMessage("<bytes>: node 'r1' (Relu, opset 17): the run holds 4000 bytes of intermediate values, "
                            + "more than the limit of 1000 (SessionOptions.maxIntermediateBytes)");
        }
    }
}
