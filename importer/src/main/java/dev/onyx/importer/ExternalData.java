package dev.onyx.importer;

import dev.onyx.InvalidModelException;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Reads tensor bytes stored outside the model file. A location is resolved inside the model's folder
 * only: absolute paths, {@code ..} segments and symlinks leading out are refused, and offset and
 * length must lie inside the file.
 */
public final class ExternalData {
    private final Path baseDir;

    /** @param baseDir the model's folder, or null when the model did not come from a file */
    public ExternalData(Path baseDir) {
        this.baseDir = baseDir;
    }

    /**
     * @param length -1 to read to the end of the file
     * @param expected the number of bytes the tensor needs (checked before reading)
     */
    public byte[] read(String tensorName, String location, long offset, long length, long expected) {
        String what = "tensor '" + tensorName + "': external data '" + location + "'";
        if (baseDir == null) {
            throw new InvalidModelException(what + ": the model was not loaded from a file, so external data has no folder");
        }
        if (location == null || location.isEmpty()) throw new InvalidModelException(what + ": no location given");
        if (location.indexOf('\0') >= 0) throw new InvalidModelException(what + ": location contains a NUL character");
        Path rel;
        try {
            rel = Path.of(location);
        } catch (RuntimeException e) {
            throw new InvalidModelException(what + ": invalid location: " + e.getMessage());
        }
        if (rel.isAbsolute() || location.startsWith("/") || location.startsWith("\\")) {
            throw new InvalidModelException(what + ": absolute locations are refused; it must be relative to the model's folder");
        }
        for (Path part : rel) {
            if (part.toString().equals("..")) {
                throw new InvalidModelException(what + ": '..' is refused; the location must stay inside the model's folder");
            }
        }
        Path base;
        Path file;
        try {
            base = baseDir.toRealPath();
            Path candidate = base.resolve(rel).normalize();
            if (!Files.exists(candidate, LinkOption.NOFOLLOW_LINKS) && !Files.exists(candidate)) {
                throw new InvalidModelException(what + ": file not found in " + base);
            }
            file = candidate.toRealPath();
        } catch (IOException e) {
            throw new InvalidModelException(what + ": cannot resolve: " + e.getMessage());
        }
        if (!file.startsWith(base)) {
            throw new InvalidModelException(what + ": resolves to " + file + ", outside the model's folder " + base);
        }
        if (!Files.isRegularFile(file)) throw new InvalidModelException(what + ": not a regular file");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long size = raf.length();
            if (offset < 0 || offset > size) {
                throw new InvalidModelException(what + ": offset " + offset + " is outside the file (" + size + " bytes)");
            }
            long len = length < 0 ? size - offset : length;
            if (len > size - offset) {
                throw new InvalidModelException(what + ": offset " + offset + " + length " + len
                        + " is beyond the end of the file (" + size + " bytes)");
            }
            if (len != expected) {
                throw new InvalidModelException(what + ": holds " + len + " bytes but the tensor needs " + expected);
            }
            byte[] b = new byte[Math.toIntExact(len)];
            raf.seek(offset);
            raf.readFully(b);
            return b;
        } catch (IOException e) {
            throw new InvalidModelException(what + ": " + e.getMessage());
        }
    }
}
