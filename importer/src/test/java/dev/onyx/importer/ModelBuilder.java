package dev.onyx.importer;

import com.google.protobuf.ByteString;
import dev.onyx.importer.proto.OnnxProto.AttributeProto;
import dev.onyx.importer.proto.OnnxProto.GraphProto;
import dev.onyx.importer.proto.OnnxProto.ModelProto;
import dev.onyx.importer.proto.OnnxProto.NodeProto;
import dev.onyx.importer.proto.OnnxProto.OperatorSetIdProto;
import dev.onyx.importer.proto.OnnxProto.TensorProto;
import dev.onyx.importer.proto.OnnxProto.TensorShapeProto;
import dev.onyx.importer.proto.OnnxProto.TypeProto;
import dev.onyx.importer.proto.OnnxProto.ValueInfoProto;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Builds small ONNX models in tests, as protobuf, without any file on disk. */
public final class ModelBuilder {
    private final GraphProto.Builder graph = GraphProto.newBuilder().setName("test");
    private int opset = 17;
    private long irVersion = 8;

    public static ModelBuilder create() { return new ModelBuilder(); }

    public ModelBuilder opset(int v) { this.opset = v; return this; }

    public ModelBuilder irVersion(long v) { this.irVersion = v; return this; }

    /** dims: Integer for a fixed size, String for a symbolic one. */
    public ModelBuilder input(String name, DType dtype, Object... dims) {
        graph.addInput(valueInfo(name, dtype, dims));
        return this;
    }

    public ModelBuilder output(String name, DType dtype, Object... dims) {
        graph.addOutput(valueInfo(name, dtype, dims));
        return this;
    }

    public ModelBuilder initializer(String name, Tensor t) {
        graph.addInitializer(TensorEncoder.encode(name, t));
        return this;
    }

    public ModelBuilder initializer(TensorProto t) {
        graph.addInitializer(t);
        return this;
    }

    public ModelBuilder node(String op, List<String> inputs, List<String> outputs, AttributeProto... attrs) {
        return node(op, op + "_" + graph.getNodeCount(), inputs, outputs, attrs);
    }

    public ModelBuilder node(String op, String name, List<String> inputs, List<String> outputs, AttributeProto... attrs) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(inputs).addAllOutput(outputs);
        for (AttributeProto a : attrs) n.addAttribute(a);
        graph.addNode(n);
        return this;
    }

    public static AttributeProto intAttr(String name, long v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(v).build();
    }

    public static AttributeProto floatAttr(String name, float v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(v).build();
    }

    public static AttributeProto intsAttr(String name, long... v) {
        AttributeProto.Builder b = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long x : v) b.addInts(x);
        return b.build();
    }

    public static AttributeProto stringAttr(String name, String v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFrom(v, StandardCharsets.UTF_8)).build();
    }

    public static AttributeProto tensorAttr(String name, Tensor t) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.TENSOR)
                .setT(TensorEncoder.encode(null, t)).build();
    }

    /** Names this graph (useful for subgraphs). */
    public ModelBuilder name(String name) {
        graph.setName(name);
        return this;
    }

    /** The graph alone, e.g. as the body of an If/Loop/Scan attribute. */
    public GraphProto graph() { return graph.build(); }

    public static AttributeProto graphAttr(String name, GraphProto g) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.GRAPH).setG(g).build();
    }

    public ModelProto proto() {
        return ModelProto.newBuilder().setIrVersion(irVersion).setProducerName("onyx-tests")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset))
                .setGraph(graph).build();
    }

    public byte[] bytes() { return proto().toByteArray(); }

    private static ValueInfoProto valueInfo(String name, DType dtype, Object... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object d : dims) {
            if (d instanceof Number n) shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(n.longValue()));
            else shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(d.toString()));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(dtype.onnxCode()).setShape(shape))).build();
    }
}
