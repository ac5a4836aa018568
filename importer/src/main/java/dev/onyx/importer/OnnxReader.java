package dev.onyx.importer;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.onyx.InvalidModelException;
import dev.onyx.LimitExceededException;
import dev.onyx.OnyxException;
import dev.onyx.SessionOptions;
import dev.onyx.UnsupportedModelException;
import dev.onyx.importer.proto.OnnxProto.AttributeProto;
import dev.onyx.importer.proto.OnnxProto.GraphProto;
import dev.onyx.importer.proto.OnnxProto.ModelProto;
import dev.onyx.importer.proto.OnnxProto.NodeProto;
import dev.onyx.importer.proto.OnnxProto.OperatorSetIdProto;
import dev.onyx.importer.proto.OnnxProto.SparseTensorProto;
import dev.onyx.importer.proto.OnnxProto.StringStringEntryProto;
import dev.onyx.importer.proto.OnnxProto.TensorProto;
import dev.onyx.importer.proto.OnnxProto.TensorShapeProto;
import dev.onyx.importer.proto.OnnxProto.TypeProto;
import dev.onyx.importer.proto.OnnxProto.ValueInfoProto;
import dev.onyx.ir.Attribute;
import dev.onyx.ir.Attributes;
import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.ir.Graph;
import dev.onyx.ir.Model;
import dev.onyx.ir.Node;
import dev.onyx.ir.ValueInfo;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes ONNX protobuf bytes into Onyx's IR ({@link Model}). Only decoding happens here; wiring
 * checks and operator binding happen when a session is created.
 */
public final class OnnxReader {
    private final SessionOptions options;
    private final String source;
    private final TensorDecoder tensors;
    private int nodeCount;

    /**
     * @param source  the name used in error messages (the file name)
     * @param baseDir the model's folder for external data, or null
     */
    public OnnxReader(SessionOptions options, String source, Path baseDir) {
        this.options = options;
        this.source = source;
        this.tensors = new TensorDecoder(new ExternalData(baseDir), options.maxTensorBytes());
    }

    public Model read(byte[] bytes) {
        if (bytes.length == 0) throw new InvalidModelException(source + ": the file is empty, not an ONNX model");
        ModelProto proto = parse(bytes);
        try {
            return toModel(proto);
        } catch (OnyxException e) {
            throw e.withContext(source);
        } catch (RuntimeException e) {
            throw new InvalidModelException(source + ": " + e, e);
        }
    }

    private ModelProto parse(byte[] bytes) {
        try {
            CodedInputStream in = CodedInputStream.newInstance(bytes);
            in.setRecursionLimit(Math.max(16, options.maxNestingDepth() * 4 + 16));
            in.setSizeLimit(Integer.MAX_VALUE);
            ModelProto m = ModelProto.parseFrom(in);
            in.checkLastTagWas(0);
            return m;
        } catch (InvalidProtocolBufferException e) {
            String msg = e.getMessage();
            if (msg != null && msg.contains("recursion")) {
                throw new LimitExceededException(source + ": the protobuf nesting is deeper than allowed", e);
            }
            throw new InvalidModelException(source + ": not a valid ONNX protobuf file (" + msg
                    + "); is it truncated or another format?", e);
        } catch (IOException e) {
            throw new InvalidModelException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    private Model toModel(ModelProto m) {
        if (!m.hasGraph()) throw new InvalidModelException("the model has no graph (is this an ONNX model file?)");
        if (!m.hasIrVersion() || m.getIrVersion() < 1) {
            throw new InvalidModelException("ir_version is missing or invalid (" + m.getIrVersion() + ")");
        }
        Map<String, Integer> opsets = new HashMap<>();
        for (OperatorSetIdProto o : m.getOpsetImportList()) {
            long v = o.getVersion();
            if (v < 0 || v > Integer.MAX_VALUE) throw new InvalidModelException("opset version " + v + " is out of range");
            opsets.put(Node.normalizeDomain(o.getDomain()), (int) v);
        }
        if (m.getOpsetImportCount() == 0) {
            // IR version 1/2 models without opset_import use opset 1
            opsets.put("", 1);
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (StringStringEntryProto e : m.getMetadataPropsList()) metadata.put(e.getKey(), e.getValue());
        Graph g = graph(m.getGraph(), 0);
        return new Model(source, m.getIrVersion(), m.getProducerName(), m.getProducerVersion(), m.getDomain(),
                m.getModelVersion(), m.getDocString(), opsets, metadata, g);
    }

    private Graph graph(GraphProto g, int depth) {
        if (depth > options.maxNestingDepth()) {
            throw new LimitExceededException("subgraphs are nested deeper than the limit of " + options.maxNestingDepth());
        }
        String gname = g.getName();
        Map<String, Tensor> inits = new LinkedHashMap<>();
        for (TensorProto t : g.getInitializerList()) {
            if (t.getName().isEmpty()) throw new InvalidModelException("graph '" + gname + "': an initializer has no name");
            if (inits.put(t.getName(), tensors.decode(t)) != null) {
                throw new InvalidModelException("initializer '" + t.getName() + "' is defined twice");
            }
        }
        for (SparseTensorProto s : g.getSparseInitializerList()) {
            String name = s.getValues().getName();
            if (inits.put(name, SparseTensors.densify(s, tensors, options.maxTensorBytes())) != null) {
                throw new InvalidModelException("initializer '" + name + "' is defined twice");
            }
        }
        List<ValueInfo> inputs = new ArrayList<>();
        for (ValueInfoProto v : g.getInputList()) inputs.add(valueInfo(v, "input"));
        List<ValueInfo> outputs = new ArrayList<>();
        for (ValueInfoProto v : g.getOutputList()) outputs.add(valueInfo(v, "output"));
        Map<String, Fact> vi = new LinkedHashMap<>();
        for (ValueInfoProto v : g.getValueInfoList()) {
            try {
                vi.put(v.getName(), fact(v.getType()));
            } catch (UnsupportedModelException e) {
                // intermediate values of types Onyx does not model are left unknown
            }
        }
        List<Node> nodes = new ArrayList<>(g.getNodeCount());
        for (NodeProto n : g.getNodeList()) {
            if (++nodeCount > options.maxNodes()) {
                throw new LimitExceededException("the model has more than " + options.maxNodes() + " nodes (limit)");
            }
            nodes.add(node(n, depth));
        }
        return new Graph(gname, nodes, inputs, outputs, inits, vi);
    }

    private ValueInfo valueInfo(ValueInfoProto v, String role) {
        if (v.getName().isEmpty()) throw new InvalidModelException("a graph " + role + " has no name");
        try {
            return new ValueInfo(v.getName(), v.hasType() ? fact(v.getType()) : Fact.UNKNOWN);
        } catch (OnyxException e) {
            throw e.withContext("graph " + role + " '" + v.getName() + "'");
        }
    }

    private static Fact fact(TypeProto t) {
        if (t.hasTensorType()) {
            TypeProto.Tensor tt = t.getTensorType();
            DType dtype = null;
            if (tt.getElemType() != 0) {
                dtype = DType.fromOnnx(tt.getElemType());
                if (dtype == null) throw new UnsupportedModelException("data type " + DType.onnxName(tt.getElemType()) + " is not supported");
            }
            if (!tt.hasShape()) return Fact.unknownShape(dtype);
            List<Dim> dims = new ArrayList<>();
            for (TensorShapeProto.Dimension d : tt.getShape().getDimList()) {
                if (d.hasDimValue()) {
                    if (d.getDimValue() < 0) throw new InvalidModelException("negative dimension " + d.getDimValue());
                    dims.add(Dim.of(d.getDimValue()));
                } else if (d.hasDimParam() && !d.getDimParam().isEmpty()) {
                    dims.add(Dim.symbol(d.getDimParam()));
                } else {
                    dims.add(Dim.UNKNOWN);
                }
            }
            return Fact.of(dtype, dims);
        }
        if (t.getValueCase() == TypeProto.ValueCase.VALUE_NOT_SET) return Fact.UNKNOWN;
        throw new UnsupportedModelException("values of type " + t.getValueCase().name().toLowerCase().replace("_type", "")
                + " are not supported (only tensors)");
    }

    private Node node(NodeProto n, int depth) {
        Map<String, Attribute> attrs = new LinkedHashMap<>();
        String label = "node '" + (n.getName().isEmpty() ? n.getOpType() : n.getName()) + "' (" + n.getOpType() + ")";
        for (AttributeProto a : n.getAttributeList()) {
            try {
                if (a.getName().isEmpty()) throw new InvalidModelException("an attribute has no name");
                if (!a.getRefAttrName().isEmpty()) {
                    throw new UnsupportedModelException("attribute '" + a.getName() + "' refers to a function attribute");
                }
                if (attrs.put(a.getName(), attribute(a, depth)) != null) {
                    throw new InvalidModelException("attribute '" + a.getName() + "' is given twice");
                }
            } catch (OnyxException e) {
                throw e.withContext(label);
            }
        }
        if (n.getOpType().isEmpty()) throw new InvalidModelException(label + ": op_type is empty");
        return new Node(n.getName(), n.getOpType(), n.getDomain(), n.getInputList(), n.getOutputList(), new Attributes(attrs));
    }

    private Attribute attribute(AttributeProto a, int depth) {
        String name = a.getName();
        AttributeProto.AttributeType type = a.getType();
        if (type == AttributeProto.AttributeType.UNDEFINED) type = guessType(a);
        return switch (type) {
            case FLOAT -> Attribute.ofFloat(name, a.getF());
            case INT -> Attribute.ofInt(name, a.getI());
            case STRING -> Attribute.ofString(name, a.getS().toString(StandardCharsets.UTF_8));
            case TENSOR -> Attribute.ofTensor(name, tensors.decode(a.getT()));
            case GRAPH -> Attribute.ofGraph(name, graph(a.getG(), depth + 1));
            case SPARSE_TENSOR -> new Attribute(name, Attribute.Kind.SPARSE_TENSOR,
                    SparseTensors.densify(a.getSparseTensor(), tensors, options.maxTensorBytes()));
            case FLOATS -> Attribute.ofFloats(name, a.getFloatsList());
            case INTS -> Attribute.ofInts(name, a.getIntsList());
            case STRINGS -> Attribute.ofStrings(name, a.getStringsList().stream().map(s -> s.toString(StandardCharsets.UTF_8)).toList());
            case TENSORS -> Attribute.ofTensors(name, a.getTensorsList().stream().map(tensors::decode).toList());
            case GRAPHS -> Attribute.ofGraphs(name, a.getGraphsList().stream().map(g -> graph(g, depth + 1)).toList());
            case SPARSE_TENSORS -> new Attribute(name, Attribute.Kind.SPARSE_TENSORS, a.getSparseTensorsList().stream()
                    .map(s -> SparseTensors.densify(s, tensors, options.maxTensorBytes())).toList());
            case TYPE_PROTO -> new Attribute(name, Attribute.Kind.TYPE_PROTO, a.getTp().toString());
            case TYPE_PROTOS -> new Attribute(name, Attribute.Kind.TYPE_PROTOS,
                    a.getTypeProtosList().stream().map(Object::toString).toList());
            case UNDEFINED -> throw new InvalidModelException("attribute '" + name + "' has no type and no value");
        };
    }

    /** Very old files leave AttributeProto.type unset: infer it from the field that carries a value. */
    private static AttributeProto.AttributeType guessType(AttributeProto a) {
        if (a.hasF()) return AttributeProto.AttributeType.FLOAT;
        if (a.hasI()) return AttributeProto.AttributeType.INT;
        if (a.hasS()) return AttributeProto.AttributeType.STRING;
        if (a.hasT()) return AttributeProto.AttributeType.TENSOR;
        if (a.hasG()) return AttributeProto.AttributeType.GRAPH;
        if (a.getFloatsCount() > 0) return AttributeProto.AttributeType.FLOATS;
        if (a.getIntsCount() > 0) return AttributeProto.AttributeType.INTS;
        if (a.getStringsCount() > 0) return AttributeProto.AttributeType.STRINGS;
        if (a.getTensorsCount() > 0) return AttributeProto.AttributeType.TENSORS;
        if (a.getGraphsCount() > 0) return AttributeProto.AttributeType.GRAPHS;
        return AttributeProto.AttributeType.UNDEFINED;
    }
}
