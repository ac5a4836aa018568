package dev.onyx.importer;

import com.google.protobuf.ByteString;
import dev.onyx.UnsupportedModelException;
import dev.onyx.importer.proto.OnnxProto.AttributeProto;
import dev.onyx.importer.proto.OnnxProto.GraphProto;
import dev.onyx.importer.proto.OnnxProto.ModelProto;
import dev.onyx.importer.proto.OnnxProto.NodeProto;
import dev.onyx.importer.proto.OnnxProto.OperatorSetIdProto;
import dev.onyx.importer.proto.OnnxProto.StringStringEntryProto;
import dev.onyx.importer.proto.OnnxProto.TensorShapeProto;
import dev.onyx.importer.proto.OnnxProto.TypeProto;
import dev.onyx.importer.proto.OnnxProto.ValueInfoProto;
import dev.onyx.ir.Attribute;
import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.ir.Graph;
import dev.onyx.ir.Model;
import dev.onyx.ir.Node;
import dev.onyx.ir.ValueInfo;
import dev.onyx.tensor.Tensor;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Encodes Onyx's IR back into an ONNX model file (for `onyx optimize`). */
public final class OnnxWriter {
    private OnnxWriter() {}

    /** The model with another main graph; extra opset imports (e.g. "ai.onyx" -> 1) are added. */
    public static ModelProto encode(Model model, Graph graph, Map<String, Integer> extraOpsets) {
        ModelProto.Builder m = ModelProto.newBuilder()
                .setIrVersion(Math.max(model.irVersion(), 7))
                .setProducerName(model.producerName().isEmpty() ? "onyx" : model.producerName())
                .setProducerVersion(model.producerVersion())
                .setDomain(model.domain()).setModelVersion(model.modelVersion()).setDocString(model.docString());
        for (Map.Entry<String, Integer> e : model.opsets().entrySet()) {
            m.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(e.getKey()).setVersion(e.getValue()));
        }
        for (Map.Entry<String, Integer> e : extraOpsets.entrySet()) {
            if (!model.opsets().containsKey(e.getKey())) {
                m.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(e.getKey()).setVersion(e.getValue()));
            }
        }
        for (Map.Entry<String, String> e : model.metadata().entrySet()) {
            m.addMetadataProps(StringStringEntryProto.newBuilder().setKey(e.getKey()).setValue(e.getValue()));
        }
        return m.setGraph(graph(graph)).build();
    }

    public static GraphProto graph(Graph g) {
        GraphProto.Builder b = GraphProto.newBuilder().setName(g.name());
        for (Node n : g.nodes()) b.addNode(node(n));
        for (Map.Entry<String, Tensor> e : g.initializers().entrySet()) b.addInitializer(TensorEncoder.encode(e.getKey(), e.getValue()));
        for (ValueInfo v : g.inputs()) b.addInput(valueInfo(v.name(), v.fact()));
        for (ValueInfo v : g.outputs()) b.addOutput(valueInfo(v.name(), v.fact()));
        for (Map.Entry<String, Fact> e : g.valueInfo().entrySet()) b.addValueInfo(valueInfo(e.getKey(), e.getValue()));
        return b.build();
    }

    private static NodeProto node(Node n) {
        NodeProto.Builder b = NodeProto.newBuilder().setName(n.name()).setOpType(n.opType()).setDomain(n.domain())
                .addAllInput(n.inputs()).addAllOutput(n.outputs());
        for (Attribute a : n.attributes().asMap().values()) b.addAttribute(attribute(a));
        return b.build();
    }

    @SuppressWarnings("unchecked")
    private static AttributeProto attribute(Attribute a) {
        AttributeProto.Builder b = AttributeProto.newBuilder().setName(a.name());
        Object v = a.value();
        switch (a.kind()) {
            case FLOAT -> b.setType(AttributeProto.AttributeType.FLOAT).setF((Float) v);
            case INT -> b.setType(AttributeProto.AttributeType.INT).setI((Long) v);
            case STRING -> b.setType(AttributeProto.AttributeType.STRING).setS(ByteString.copyFrom((String) v, StandardCharsets.UTF_8));
            case TENSOR, SPARSE_TENSOR -> b.setType(AttributeProto.AttributeType.TENSOR).setT(TensorEncoder.encode(null, (Tensor) v));
            case GRAPH -> b.setType(AttributeProto.AttributeType.GRAPH).setG(graph((Graph) v));
            case FLOATS -> b.setType(AttributeProto.AttributeType.FLOATS).addAllFloats((List<Float>) v);
            case INTS -> b.setType(AttributeProto.AttributeType.INTS).addAllInts((List<Long>) v);
            case STRINGS -> {
                b.setType(AttributeProto.AttributeType.STRINGS);
                for (String s : (List<String>) v) b.addStrings(ByteString.copyFrom(s, StandardCharsets.UTF_8));
            }
            case TENSORS, SPARSE_TENSORS -> {
                b.setType(AttributeProto.AttributeType.TENSORS);
                for (Tensor t : (List<Tensor>) v) b.addTensors(TensorEncoder.encode(null, t));
            }
            case GRAPHS -> {
                b.setType(AttributeProto.AttributeType.GRAPHS);
                for (Graph g : (List<Graph>) v) b.addGraphs(graph(g));
            }
            case TYPE_PROTO, TYPE_PROTOS -> throw new UnsupportedModelException("attribute '" + a.name() + "': type attributes cannot be written back");
        }
        return b.build();
    }

    private static ValueInfoProto valueInfo(String name, Fact f) {
        ValueInfoProto.Builder b = ValueInfoProto.newBuilder().setName(name);
        if (f == null || f.dtype() == null) return b.build();
        TypeProto.Tensor.Builder t = TypeProto.Tensor.newBuilder().setElemType(f.dtype().onnxCode());
        if (f.dims() != null) {
            TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
            for (Dim d : f.dims()) {
                TensorShapeProto.Dimension.Builder db = TensorShapeProto.Dimension.newBuilder();
                if (d.isKnown()) db.setDimValue(d.value());
                else if (d.symbol() != null) db.setDimParam(d.symbol());
                s.addDim(db);
            }
            t.setShape(s);
        }
        return b.setType(TypeProto.newBuilder().setTensorType(t)).build();
    }
}
