package dev.onyx.importer;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.onyx.InvalidModelException;
import dev.onyx.SessionOptions;
import dev.onyx.importer.proto.OnnxProto.TensorProto;
import dev.onyx.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes single tensors as TensorProto files (the ONNX test-data .pb format). */
public final class TensorFiles {
    private TensorFiles() {}

    /** A tensor with the name stored in its file ("" when none). */
    public record Named(String name, Tensor tensor) {}

    public static Named read(Path file) {
        try {
            TensorProto p = TensorProto.parseFrom(Files.readAllBytes(file));
            Path dir = file.toAbsolutePath().getParent();
            Tensor t = new TensorDecoder(new ExternalData(dir), SessionOptions.defaults().maxTensorBytes()).decode(p);
            return new Named(p.getName(), t);
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidModelException(file + ": not a TensorProto file: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new InvalidModelException(file + ": cannot read: " + e.getMessage(), e);
        } catch (dev.onyx.OnyxException e) {
            throw e.withContext(file.toString());
        }
    }

    public static void write(Path file, String name, Tensor t) throws IOException {
        Files.write(file, TensorEncoder.encode(name, t).toByteArray());
    }
}
