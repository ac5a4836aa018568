package dev.onyx.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds ../shared/models/NAME from the repository root (the folder holding mvnw) or the working dir. */
final class SharedModels {
    private SharedModels() {}

    static Path dir(String name) {
        String override = System.getProperty("onyx.models", System.getenv("ONYX_MODELS"));
        if (override != null) return Path.of(override).resolve(name);
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            Path candidate = p.resolveSibling("shared").resolve("models").resolve(name);
            if (Files.exists(p.resolve("mvnw")) && Files.isDirectory(candidate)) return candidate;
            Path inside = p.resolve("../shared/models").resolve(name).normalize();
            if (Files.isDirectory(inside)) return inside;
            p = p.getParent();
        }
        throw new IllegalStateException("model folder '" + name + "' not found: expected ../shared/models/" + name
                + " beside the repository (or set -Donyx.models=DIR)");
    }
}
