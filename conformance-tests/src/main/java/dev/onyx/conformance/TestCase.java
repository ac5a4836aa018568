package dev.onyx.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** One backend-test case: a folder with model.onnx and test_data_set_N/ subfolders, in a named suite. */
public record TestCase(String suite, String name, Path dir) {

    /** "suite/name", the id used in reports and test names. */
    public String id() { return suite + "/" + name; }

    public Path model() { return dir.resolve("model.onnx"); }

    /** The test_data_set_N folders, ordered by N. */
    public List<Path> dataSets() {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> sets = new ArrayList<>(s.filter(Files::isDirectory)
                    .filter(p -> dataSetNumber(p) >= 0).toList());
            sets.sort(Comparator.comparingInt(TestCase::dataSetNumber));
            return sets;
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot list: " + e.getMessage(), e);
        }
    }

    /** N for a folder named test_data_set_N, else -1. */
    static int dataSetNumber(Path p) {
        String n = p.getFileName().toString();
        if (!n.startsWith("test_data_set_")) return -1;
        try {
            return Integer.parseInt(n.substring("test_data_set_".length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The files prefix_0.pb, prefix_1.pb... of a data set, stopping at the first gap. */
    public static List<Path> numbered(Path dataSet, String prefix) {
        List<Path> files = new ArrayList<>();
        for (int i = 0; ; i++) {
            Path f = dataSet.resolve(prefix + "_" + i + ".pb");
            if (!Files.isRegularFile(f)) return files;
            files.add(f);
        }
    }

    @Override
    public String toString() { return id(); }
}
