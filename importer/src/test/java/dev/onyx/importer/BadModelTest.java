package dev.onyx.importer;

import com.google.protobuf.ByteString;
import dev.onyx.InvalidModelException;
import dev.onyx.LimitExceededException;
import dev.onyx.Onnx;
import dev.onyx.SessionOptions;
import dev.onyx.UnsupportedModelException;
import dev.onyx.importer.proto.OnnxProto.StringStringEntryProto;
import dev.onyx.importer.proto.OnnxProto.TensorProto;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each malformed model gives its own specific error, never a crash or a silent load. */
class BadModelTest {
    @TempDir
    Path dir;

    private static ModelBuilder identity() {
        return ModelBuilder.create().input("x", DType.FLOAT, 2).output("y", DType.FLOAT, 2)
                .node("Identity", List.of("x"), List.of("y"));
    }

    @Test
    void emptyFile() throws Exception {
        Path f = dir.resolve("empty.onnx");
        Files.write(f, new byte[0]);
        assertThatThrownBy(() -> Onnx.load(f)).isInstanceOf(InvalidModelException.class)
                .hasMessage("empty.onnx: the file is empty, not an ONNX model");
    }

    @Test
    void truncatedFile() throws Exception {
        byte[] full = identity().bytes();
        Path f = dir.resolve("truncated.onnx");
        Files.write(f, Arrays.copyOf(full, full.length - 7));
        assertThatThrownBy(() -> Onnx.load(f)).isInstanceOf(InvalidModelException.class)
                .hasMessageStartingWith("truncated.onnx: not a valid ONNX protobuf file")
                .hasMessageContaining("truncated");
    }

    @Test
    void randomBytes() throws Exception {
        byte[] junk = new byte[4096];
        new Random(42).nextBytes(junk);
        Path f = dir.resolve("junk.onnx");
        Files.write(f, junk);
        assertThatThrownBy(() -> Onnx.load(f)).isInstanceOf(InvalidModelException.class)
                .hasMessageStartingWith("junk.onnx: ");
    }

    @Test
    void textFileIsNotAModel() throws Exception {
        Path f = dir.resolve("readme.onnx");
        Files.writeString(f, "hello, this is not protobuf\n");
        assertThatThrownBy(() -> Onnx.load(f)).isInstanceOf(InvalidModelException.class)
                .hasMessageStartingWith("readme.onnx: ");
    }

    @Test
    void missingFile() {
        Path f = dir.resolve("nope.onnx");
        assertThatThrownBy(() -> Onnx.load(f)).isInstanceOf(InvalidModelException.class)
                .hasMessageEndingWith("nope.onnx: no such file");
    }

    @Test
    void allUnsupportedOpsInOneError() {
        byte[] m = ModelBuilder.create().input("x", DType.FLOAT, 2).output("z", DType.FLOAT, 2)
                .node("FancyOp", "fancy_1", List.of("x"), List.of("a"))
                .node("FancyOp", "fancy_2", List.of("a"), List.of("b"))
                .node("OtherOp", "other", List.of("b"), List.of("z"))
                .bytes();
        assertThatThrownBy(() -> Onnx.load(m)).isInstanceOf(UnsupportedModelException.class)
                .hasMessage("<bytes>: 2 unsupported operators:\n"
                        + "  FancyOp (domain ai.onnx, opset 17) used by 2 nodes: fancy_1, fancy_2\n"
                        + "  OtherOp (domain ai.onnx, opset 17) used by 1 node: other");
    }

    @Test
    void undefinedInput() {
        byte[] m = ModelBuilder.create().input("x", DType.FLOAT, 2).output("y", DType.FLOAT, 2)
                .node("Identity", "id", List.of("ghost"), List.of("y")).bytes();
        assertThatThrownBy(() -> Onnx.load(m)).isInstanceOf(InvalidModelException.class)
                .hasMessage("<bytes>: node 'id' (Identity): input 'ghost' is not a graph input, an initializer or the output of any node");
    }

    @Test
    void cycle() {
        byte[] m = ModelBuilder.create().input("x", DType.FLOAT, 2).output("y", DType.FLOAT, 2)
                .node("Identity", "a", List.of("b_out"), List.of("a_out"))
                .node("Identity", "b", List.of("a_out"), List.of("b_out"))
                .node("Identity", "c", List.of("x"), List.of("y")).bytes();
        assertThatThrownBy(() -> Onnx.load(m)).isInstanceOf(InvalidModelException.class)
                .hasMessageStartingWith("<bytes>: the graph has a cycle through node '");
    }

    @Test
    void duplicateOutputName() {
        byte[] m = ModelBuilder.create().input("x", DType.FLOAT, 2).output("y", DType.FLOAT, 2)
                .node("Identity", "a", List.of("x"), List.of("y"))
                .node("Identity", "b", List.of("x"), List.of("y")).bytes();
        assertThatThrownBy(() -> Onnx.load(m)).isInstanceOf(InvalidModelException.class)
                .hasMessage("<bytes>: node 'b' (Identity): output 'y' is already defined by node 'a' (Identity)");
    }

    @Test
    void outputNobodyProduces() {
        byte[] m = ModelBuilder.create().input("x", DType.FLOAT, 2).output("y", DType.FLOAT, 2)
                .node("Identity", "a", List.of("x"), List.of("z")).bytes();
        assertThatThrownBy(() -> Onnx.load(m)).isInstanceOf(InvalidModelException.class)
                .hasMessage("<bytes>: graph output 'y' is not produced by any node");
    }

    @Test
    void opsetOutOfRange() {
        byte[] m = identity().opset(99).bytes();
        assertThatThrownBy(() -> Onnx.load(m)).isInstanceOf(UnsupportedModelException.class)
                .hasMessage("<bytes>: the model imports default-domain opset 99; Onyx supports opsets 1 to 28");
    }

    @Test
    void constantWithoutValueAttribute() {
        byte[] m = ModelBuilder.create().output("y", DType.FLOAT, 2)
                .node("Constant", "const", List.of(), List.of("y")).bytes();
        assertThatThrownBy(() -> Onnx.load(m)).isInstanceOf(InvalidModelException.class)
                .hasMessage("<bytes>: node 'const' (Constant, opset 17): expected exactly one value attribute, got []");
    }

    @Test
    void rawDataSizeMismatch() {
        TensorProto t = TensorProto.newBuilder().setName("w").setDataType(1).addDims(4)
                .setRawData(ByteString.copyFrom(new byte[12])).build();
        byte[] m = identity().initializer(t).bytes();
        assertThatThrownBy(() -> Onnx.load(m)).isInstanceOf(InvalidModelException.class)
                .hasMessage("<bytes>: tensor 'w': raw_data holds 12 bytes but dims [4] of float32 need 16");
    }

    @Test
    void hugeDeclaredTensorIsRefusedWithoutAllocating() {
        TensorProto t = TensorProto.newBuilder().setName("big").setDataType(1)
                .addDims(1_000_000).addDims(1_000_000).setRawData(ByteString.copyFrom(new byte[8])).build();
        byte[] m = identity().initializer(t).bytes();
        assertThatThrownBy(() -> Onnx.load(m)).isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("tensor 'big'").hasMessageContaining("more elements than a tensor can hold");
    }

    @Test
    void tensorOverTheByteLimit() {
        TensorProto t = TensorEncoder.encode("w", Tensor.of(new float[1000], 1000));
        byte[] m = identity().initializer(t).bytes();
        SessionOptions small = SessionOptions.defaults().withMaxTensorBytes(1000);
        assertThatThrownBy(() -> Onnx.load(m, small)).isInstanceOf(LimitExceededException.class)
                .hasMessage("<bytes>: tensor 'w': 4000 bytes declared, more than the limit of 1000");
    }

    @Test
    void negativeDimension() {
        TensorProto t = TensorProto.newBuilder().setName("w").setDataType(1).addDims(-3).build();
        byte[] m = identity().initializer(t).bytes();
        assertThatThrownBy(() -> Onnx.load(m)).isInstanceOf(InvalidModelException.class)
                .hasMessage("<bytes>: tensor 'w': negative dimension -3 at axis 0");
    }

    @Test
    void unsupportedDataType() {
        TensorProto t = TensorProto.newBuilder().setName("c").setDataType(14).addDims(1).build();
        byte[] m = identity().initializer(t).bytes();
        assertThatThrownBy(() -> Onnx.load(m)).isInstanceOf(UnsupportedModelException.class)
                .hasMessage("<bytes>: tensor 'c': data type complex64 is not supported");
    }

    private byte[] withExternal(String location, long offset, long length) {
        TensorProto.Builder t = TensorProto.newBuilder().setName("w").setDataType(1).addDims(4)
                .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue(location));
        if (offset >= 0) t.addExternalData(StringStringEntryProto.newBuilder().setKey("offset").setValue(Long.toString(offset)));
        if (length >= 0) t.addExternalData(StringStringEntryProto.newBuilder().setKey("length").setValue(Long.toString(length)));
        return identity().initializer(t.build()).bytes();
    }

    private Path model(String name, byte[] bytes) throws Exception {
        Path d = dir.resolve("model");
        Files.createDirectories(d);
        Path f = d.resolve(name);
        Files.write(f, bytes);
        return f;
    }

    @Test
    void externalDataInsideTheFolderLoads() throws Exception {
        Path f = model("ok.onnx", withExternal("weights.bin", 4, 16));
        Files.write(f.getParent().resolve("weights.bin"), new byte[20]);
        Onnx.load(f).close();
    }

    @Test
    void externalDataWithDotDotIsRefused() throws Exception {
        Files.write(dir.resolve("secret.bin"), new byte[16]);
        Path f = model("dotdot.onnx", withExternal("../secret.bin", -1, -1));
        assertThatThrownBy(() -> Onnx.load(f)).isInstanceOf(InvalidModelException.class)
                .hasMessage("dotdot.onnx: tensor 'w': external data '../secret.bin': '..' is refused; the location must stay inside the model's folder");
    }

    @Test
    void externalDataWithAbsolutePathIsRefused() throws Exception {
        Path f = model("abs.onnx", withExternal("/etc/passwd", -1, -1));
        assertThatThrownBy(() -> Onnx.load(f)).isInstanceOf(InvalidModelException.class)
                .hasMessage("abs.onnx: tensor 'w': external data '/etc/passwd': absolute locations are refused; it must be relative to the model's folder");
    }

    @Test
    void externalDataThroughASymlinkLeadingOutIsRefused() throws Exception {
        Path outside = dir.resolve("outside.bin");
        Files.write(outside, new byte[16]);
        Path f = model("link.onnx", withExternal("link.bin", -1, -1));
        Files.createSymbolicLink(f.getParent().resolve("link.bin"), outside);
        assertThatThrownBy(() -> Onnx.load(f)).isInstanceOf(InvalidModelException.class)
                .hasMessageStartingWith("link.onnx: tensor 'w': external data 'link.bin': resolves to ")
                .hasMessageContaining("outside the model's folder");
    }

    @Test
    void externalDataBeyondTheEndOfTheFileIsRefused() throws Exception {
        Path f = model("short.onnx", withExternal("weights.bin", 8, 16));
        Files.write(f.getParent().resolve("weights.bin"), new byte[16]);
        assertThatThrownBy(() -> Onnx.load(f)).isInstanceOf(InvalidModelException.class)
                .hasMessage("short.onnx: tensor 'w': external data 'weights.bin': offset 8 + length 16 is beyond the end of the file (16 bytes)");
    }

    @Test
    void externalDataFromBytesHasNoFolder() {
        byte[] m = withExternal("weights.bin", -1, -1);
        assertThatThrownBy(() -> Onnx.load(m)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("the model was not loaded from a file");
    }

    @Test
    void deeplyNestedProtobufIsRefused() {
        // a graph attribute nesting If bodies far deeper than the limit
        dev.onyx.importer.proto.OnnxProto.GraphProto g = dev.onyx.importer.proto.OnnxProto.GraphProto.newBuilder().setName("leaf").build();
        for (int i = 0; i < 60; i++) {
            g = dev.onyx.importer.proto.OnnxProto.GraphProto.newBuilder().setName("g" + i)
                    .addNode(dev.onyx.importer.proto.OnnxProto.NodeProto.newBuilder().setOpType("If")
                            .addAttribute(dev.onyx.importer.proto.OnnxProto.AttributeProto.newBuilder().setName("then_branch")
                                    .setType(dev.onyx.importer.proto.OnnxProto.AttributeProto.AttributeType.GRAPH).setG(g)))
                    .build();
        }
        byte[] m = dev.onyx.importer.proto.OnnxProto.ModelProto.newBuilder().setIrVersion(8).setGraph(g).build().toByteArray();
        assertThatThrownBy(() -> Onnx.load(m)).isInstanceOf(LimitExceededException.class);
    }
}
