package dev.onyx.importer.fuzz;

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
import dev.onyx.ops.OpRegistry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns fuzzer bytes into a small, well-formed ONNX model: real operator types, attributes and constant
 * inputs drawn from edge values (0, -1, huge, NaN...), so that mutations reach operator creation, shape
 * inference, folding and running rather than stopping in the protobuf parser.
 */
final class ModelGenerator {
    private static final List<String> OPS = OpRegistry.standard().supportedOps().stream()
            .filter(o -> !o.contains("::")).toList();
    private static final long[] INTS = {0, 1, 2, 3, 4, -1, -2, -3, 5, 8, 1 << 16, 1 << 20, Integer.MAX_VALUE,
            Integer.MIN_VALUE, 1L << 32, Long.MAX_VALUE, Long.MIN_VALUE, 100_000};
    private static final float[] FLOATS = {0, 1, -1, 0.5f, 2, 1e-5f, 1e30f, -1e30f, Float.NaN,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE};
    private static final String[] ATTRS = {"axis", "axes", "perm", "pads", "strides", "kernel_shape", "dilations",
            "group", "keepdims", "to", "mode", "value", "alpha", "beta", "epsilon", "repeats", "shape", "starts",
            "ends", "split", "num_outputs", "blocksize", "auto_pad", "ceil_mode", "count_include_pad", "exclusive",
            "reverse", "depth", "batch_dims", "reduction", "allowzero", "noop_with_empty_axes", "output_padding",
            "output_shape", "storage_order", "p", "size", "bias", "lambd", "gamma", "min", "max", "transA", "transB",
            "direction", "select_last_index", "largest", "sorted", "k", "seed", "dtype", "stash_type", "training_mode"};
    private static final String[] STRINGS = {"NOTSET", "SAME_UPPER", "SAME_LOWER", "VALID", "constant", "reflect",
            "edge", "wrap", "DCR", "CRD", "add", "mul", "none", "max", "min", ""};

    private final byte[] data;
    private int pos;

    private ModelGenerator(byte[] data, int start) {
        this.data = data;
        this.pos = start;
    }

    static byte[] generate(byte[] data, int start) {
        return new ModelGenerator(data, start).model().toByteArray();
    }

    private int next() { return pos < data.length ? data[pos++] & 0xff : 0; }

    private int pick(int n) { return n <= 0 ? 0 : next() % n; }

    private long anInt() {
        int b = next();
        return b < 200 ? INTS[b % INTS.length] : (byte) next();
    }

    private ModelProto model() {
        int opset = 7 + pick(22);
        GraphProto.Builder g = GraphProto.newBuilder().setName("fuzz");
        List<String> values = new ArrayList<>();
        int inputs = 1 + pick(2);
        for (int i = 0; i < inputs; i++) {
            String name = "x" + i;
            int elem = next() % 4 == 0 ? 7 : 1; // int64 or float
            TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
            int rank = pick(5);
            for (int d = 0; d < rank; d++) {
                int v = pick(6);
                if (v == 5) shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"));
                else shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(v));
            }
            g.addInput(ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                    .setTensorType(TypeProto.Tensor.newBuilder().setElemType(elem).setShape(shape))));
            values.add(name);
        }
        int nodes = 1 + pick(4);
        String last = values.get(0);
        for (int n = 0; n < nodes; n++) {
            NodeProto.Builder node = NodeProto.newBuilder().setName("n" + n).setOpType(OPS.get(pick(OPS.size())));
            int ins = 1 + pick(4);
            for (int i = 0; i < ins; i++) {
                int choice = pick(values.size() + 3);
                if (choice < values.size()) {
                    node.addInput(values.get(choice));
                } else if (choice == values.size()) {
                    node.addInput("");
                } else {
                    String c = "c" + n + "_" + i;
                    g.addInitializer(constant(c));
                    node.addInput(c);
                }
            }
            int attrs = pick(4);
            for (int a = 0; a < attrs; a++) node.addAttribute(attribute());
            int outs = 1 + pick(2);
            for (int o = 0; o < outs; o++) {
                String out = "v" + n + "_" + o;
                node.addOutput(out);
                values.add(out);
            }
            last = "v" + n + "_0";
            g.addNode(node);
        }
        g.addOutput(ValueInfoProto.newBuilder().setName(last));
        return ModelProto.newBuilder().setIrVersion(8)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset))
                .setGraph(g).build();
    }

    private TensorProto constant(String name) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name);
        int kind = pick(3);
        int rank = pick(3);
        int n = 1;
        for (int d = 0; d < rank; d++) {
            int v = pick(4);
            t.addDims(v);
            n *= v;
        }
        if (kind == 0) {
            t.setDataType(1);
            for (int i = 0; i < n; i++) t.addFloatData(FLOATS[pick(FLOATS.length)]);
        } else if (kind == 1) {
            t.setDataType(7);
            for (int i = 0; i < n; i++) t.addInt64Data(anInt());
        } else {
            t.setDataType(9);
            for (int i = 0; i < n; i++) t.addInt32Data(next() & 1);
        }
        return t.build();
    }

    private AttributeProto attribute() {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(ATTRS[pick(ATTRS.length)]);
        switch (pick(5)) {
            case 0 -> a.setType(AttributeProto.AttributeType.INT).setI(anInt());
            case 1 -> {
                a.setType(AttributeProto.AttributeType.INTS);
                int n = pick(7);
                for (int i = 0; i < n; i++) a.addInts(anInt());
            }
            case 2 -> a.setType(AttributeProto.AttributeType.FLOAT).setF(FLOATS[pick(FLOATS.length)]);
            case 3 -> a.setType(AttributeProto.AttributeType.STRING)
                    .setS(ByteString.copyFrom(STRINGS[pick(STRINGS.length)], StandardCharsets.UTF_8));
            default -> a.setType(AttributeProto.AttributeType.TENSOR).setT(constant("attr"));
        }
        return a.build();
    }
}
