package dev.onyx.bench;

import dev.onyx.importer.TensorEncoder;
import dev.onyx.importer.proto.OnnxProto.AttributeProto;
import dev.onyx.importer.proto.OnnxProto.GraphProto;
import dev.onyx.importer.proto.OnnxProto.ModelProto;
import dev.onyx.importer.proto.OnnxProto.NodeProto;
import dev.onyx.importer.proto.OnnxProto.OperatorSetIdProto;
import dev.onyx.importer.proto.OnnxProto.TensorShapeProto;
import dev.onyx.importer.proto.OnnxProto.TypeProto;
import dev.onyx.importer.proto.OnnxProto.ValueInfoProto;
import dev.onyx.tensor.Tensor;

import java.util.Random;

/** Single-operator ONNX models for the op benchmarks, built in memory with seeded random weights. */
final class OpModels {
    private OpModels() {}

    /** The model bytes and its one input. */
    record OpModel(byte[] bytes, String inputName, Tensor input) {}

    static OpModel create(String name) {
        return switch (name) {
            case "gemm_1024" -> gemm(1024, 1024, 1024);
            case "conv3x3_64x56" -> conv(64, 64, 56, 56, 3, 1);
            case "dwconv3x3_32x112" -> conv(32, 32, 112, 112, 3, 32);
            default -> throw new IllegalArgumentException("unknown op benchmark '" + name + "'");
        };
    }

    private static Tensor random(Random r, int... shape) {
        int n = 1;
        for (int d : shape) n *= d;
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) r.nextGaussian();
        return Tensor.of(v, shape);
    }

    private static OpModel gemm(int m, int k, int n) {
        Random r = new Random(1);
        Tensor b = random(r, k, n);
        GraphProto g = GraphProto.newBuilder().setName("gemm")
                .addInput(vi("a", m, k)).addOutput(vi("y", m, n))
                .addInitializer(TensorEncoder.encode("b", b))
                .addNode(NodeProto.newBuilder().setOpType("Gemm").addInput("a").addInput("b").addOutput("y"))
                .build();
        return new OpModel(model(g), "a", random(r, m, k));
    }

    private static OpModel conv(int cin, int cout, int h, int w, int k, int group) {
        Random r = new Random(2);
        Tensor weight = random(r, cout, cin / group, k, k);
        Tensor bias = random(r, cout);
        int pad = k / 2;
        NodeProto node = NodeProto.newBuilder().setOpType("Conv").addInput("x").addInput("w").addInput("b").addOutput("y")
                .addAttribute(ints("kernel_shape", k, k)).addAttribute(ints("pads", pad, pad, pad, pad))
                .addAttribute(AttributeProto.newBuilder().setName("group").setType(AttributeProto.AttributeType.INT).setI(group))
                .build();
        GraphProto g = GraphProto.newBuilder().setName("conv")
                .addInput(vi("x", 1, cin, h, w)).addOutput(vi("y", 1, cout, h, w))
                .addInitializer(TensorEncoder.encode("w", weight)).addInitializer(TensorEncoder.encode("b", bias))
                .addNode(node).build();
        return new OpModel(model(g), "x", random(r, 1, cin, h, w));
    }

    private static AttributeProto ints(String name, long... v) {
        AttributeProto.Builder b = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long x : v) b.addInts(x);
        return b.build();
    }

    private static ValueInfoProto vi(String name, int... dims) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (int d : dims) s.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(1).setShape(s))).build();
    }

    private static byte[] model(GraphProto g) {
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("onyx-bench")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(17)).setGraph(g).build().toByteArray();
    }
}
