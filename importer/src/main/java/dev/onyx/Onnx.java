package dev.onyx;

import dev.onyx.importer.OnnxReader;
import dev.onyx.ir.Model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Entry point: loads ONNX models into ready-to-run {@link Session}s.
 *
 * <pre>{@code
 * try (Session s = Onnx.load(Path.of("model.onnx"))) {
 *     Map<String, Tensor> out = s.run(Map.of("input", Tensor.of(data, 1, 3, 224, 224)));
 * }
 * }</pre>
 */
public final class Onnx {
    /** Protobuf messages cannot exceed 2 GiB; larger weights must use external data. */
    private static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8;

    private Onnx() {}

    public static Session load(Path path) { return load(path, SessionOptions.defaults()); }

    public static Session load(Path path, SessionOptions options) {
        return Session.create(read(path, options), options);
    }

    public static Session load(byte[] bytes) { return load(bytes, SessionOptions.defaults()); }

    /** Loads from bytes; external data cannot be used (there is no folder to read it from). */
    public static Session load(byte[] bytes, SessionOptions options) {
        return Session.create(new OnnxReader(options, "<bytes>", null).read(bytes), options);
    }

    public static Session load(InputStream in) { return load(in, SessionOptions.defaults()); }

    public static Session load(InputStream in, SessionOptions options) {
        return load(readBounded(in, "<stream>"), options);
    }

    /** Decodes a model file into the IR without compiling it (for inspection). */
    public static Model read(Path path) { return read(path, SessionOptions.defaults()); }

    public static Model read(Path path, SessionOptions options) {
        String source = path.getFileName() == null ? path.toString() : path.getFileName().toString();
        byte[] bytes;
        try {
            if (!Files.exists(path)) throw new InvalidModelException(path + ": no such file");
            if (Files.isDirectory(path)) throw new InvalidModelException(path + ": is a directory, not a model file");
            long size = Files.size(path);
            if (size > MAX_FILE_BYTES) {
                throw new LimitExceededException(path + ": " + size + " bytes; ONNX files over 2 GiB must keep weights in external data");
            }
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new InvalidModelException(path + ": cannot read: " + e.getMessage(), e);
        }
        Path dir = path.toAbsolutePath().getParent();
        return new OnnxReader(options, source, dir).read(bytes);
    }

    /** Decodes model bytes into the IR without compiling it. */
    public static Model read(byte[] bytes) {
        return new OnnxReader(SessionOptions.defaults(), "<bytes>", null).read(bytes);
    }

    private static byte[] readBounded(InputStream in, String source) {
        try {
            byte[] b = in.readNBytes((int) MAX_FILE_BYTES);
            if (in.read() != -1) throw new LimitExceededException(source + ": more than 2 GiB");
            return b;
        } catch (IOException e) {
            throw new InvalidModelException(source + ": cannot read: " + e.getMessage(), e);
        }
    }
}
