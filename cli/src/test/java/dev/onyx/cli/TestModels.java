package dev.onyx.cli;

import dev.onyx.importer.proto.OnnxProto.GraphProto;
import dev.onyx.importer.proto.OnnxProto.ModelProto;
import dev.onyx.importer.proto.OnnxProto.NodeProto;
import dev.onyx.importer.proto.OnnxProto.OperatorSetIdProto;
import dev.onyx.importer.proto.OnnxProto.StringStringEntryProto;
import dev.onyx.importer.proto.OnnxProto.TensorProto;
import dev.onyx.importer.proto.OnnxProto.TensorShapeProto;
import dev.onyx.importer.proto.OnnxProto.TypeProto;
import dev.onyx.importer.proto.OnnxProto.ValueInfoProto;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small ONNX files built in the tests (only Identity, which the runtime always has). */
final class TestModels {
    private TestModels() {}

    static ValueInfoProto value(String name, int elemType, Object... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object d : dims) {
            if (d instanceof Number n) shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(n.longValue()));
            else if (d instanceof String s) shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(s));
            else shape.addDim(TensorShapeProto.Dimension.newBuilder());
        }
        return ValueInfoProto.newBuilder().setName(name)
                .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder().setElemType(elemType).setShape(shape)))
                .build();
    }

    static NodeProto node(String name, String op, String domain, String in, String out) {
        return NodeProto.newBuilder().setName(name).setOpType(op).setDomain(domain).addInput(in).addOutput(out).build();
    }

    /**
     * Inputs x float32 [batch,4] and ids int64 [batch]; an input w float32 [2] with an initializer (default);
     * outputs "out/0:y" = x, "ids_out" = ids, "w_out" = w. Symbolic "batch" dims, metadata, opset 17.
     */
    static Path identityModel(Path dir) throws IOException {
        TensorProto w = TensorProto.newBuilder().setName("w").setDataType(1).addDims(2).addFloatData(0.5f).addFloatData(-1.5f).build();
        GraphProto g = GraphProto.newBuilder().setName("identity")
                .addNode(node("copy_x", "Identity", "", "x", "out/0:y"))
                .addNode(node("copy_ids", "Identity", "", "ids", "ids_out"))
                .addNode(node("copy_w", "Identity", "", "w", "w_out"))
                .addInput(value("x", 1, "batch", 4))
                .addInput(value("ids", 7, "batch"))
                .addInput(value("w", 1, 2))
                .addInitializer(w)
                .addOutput(value("out/0:y", 1, "batch", 4))
                .addOutput(value("ids_out", 7, "batch"))
                .addOutput(value("w_out", 1, 2))
                .build();
        ModelProto m = ModelProto.newBuilder().setIrVersion(8).setProducerName("cli-test").setProducerVersion("9.9")
                .setDomain("dev.onyx.test").setModelVersion(3)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
                .addMetadataProps(StringStringEntryProto.newBuilder().setKey("author").setValue("tests"))
                .setGraph(g).build();
        Path p = dir.resolve("identity.onnx");
        Files.write(p, m.toByteArray());
        return p;
    }

    /** A model whose output has no declared shape, and which uses an op of a custom domain nothing implements. */
    static Path customOpModel(Path dir) throws IOException {
        GraphProto g = GraphProto.newBuilder().setName("custom")
                .addNode(node("mystery", "Frobnicate", "com.example", "a", "b"))
                .addNode(node("copy", "Identity", "", "b", "c"))
                .addInput(value("a", 1, "n", null, 3))
                .addOutput(ValueInfoProto.newBuilder().setName("c").build())
                .build();
        ModelProto m = ModelProto.newBuilder().setIrVersion(8)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("com.example").setVersion(1))
                .setGraph(g).build();
        Path p = dir.resolve("custom.onnx");
        Files.write(p, m.toByteArray());
        return p;
    }

    /** A TensorProto file with a float32 tensor of the given shape filled with 0, 1, 2, ... */
    static Path floatTensor(Path file, String name, int... shape) throws IOException {
        TensorProto.Builder b = TensorProto.newBuilder().setName(name).setDataType(1);
        int n = 1;
        for (int d : shape) { b.addDims(d); n *= d; }
        for (int i = 0; i < n; i++) b.addFloatData(i);
        Files.write(file, b.build().toByteArray());
        return file;
    }

    static Path int64Tensor(Path file, String name, long... values) throws IOException {
        TensorProto.Builder b = TensorProto.newBuilder().setName(name).setDataType(7).addDims(values.length);
        for (long v : values) b.addInt64Data(v);
        Files.write(file, b.build().toByteArray());
        return file;
    }

    /** Copies a bundled resource (e.g. "small_cnn.onnx") into a folder. */
    static Path bundled(Path dir, String name) throws IOException {
        Path p = dir.resolve(name.replace('/', '_'));
        try (InputStream in = TestModels.class.getResourceAsStream(Bundled.DIR + name)) {
            Files.copy(in, p);
        }
        return p;
    }

}
