package dev.onyx.conformance;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds backend-test cases (folders holding model.onnx and test_data_set_N/) under suite roots.
 *
 * <p>Default roots, each kept even when absent so callers can say what is missing:
 * <ul>
 *   <li>Debian's libonnx-testdata, {@code /usr/share/libonnx-testdata/data/{node,pytorch-converted,pytorch-operator,simple}},
 *       suites {@code onnx-1.12/node}...;</li>
 *   <li>{@code <shared>/onnx-backend-tests/<version>/{node,...}}, suites {@code onnx-<version>/node}...;</li>
 *   <li>{@code <shared>/models}, suite {@code models};</li>
 *   <li>folders listed in system property {@code onyx.conformance.roots} or env {@code ONYX_CONFORMANCE_ROOTS}
 *       (path-separator separated), each a suite named after the folder.</li>
 * </ul>
 * {@code <shared>} is {@code ../shared} next to the repository root (the folder holding {@code mvnw},
 * found by walking up from the working directory); when that is absent, a {@code shared} folder beside
 * any further ancestor (git worktrees live deeper); system property {@code onyx.shared} overrides.
 */
public final class CaseDiscovery {
    /** A folder whose case folders form one suite. */
    public record Root(String suite, Path dir) {
        public boolean exists() { return Files.isDirectory(dir); }
    }

    public static final Path DEBIAN_DATA = Path.of("/usr/share/libonnx-testdata/data");
    public static final String DEBIAN_VERSION = "1.12";
    public static final List<String> BACKEND_SUITES = List.of("node", "pytorch-converted", "pytorch-operator", "simple");
    public static final String ROOTS_PROPERTY = "onyx.conformance.roots";
    public static final String ROOTS_ENV = "ONYX_CONFORMANCE_ROOTS";
    public static final String SHARED_PROPERTY = "onyx.shared";
    /** Case folders may sit this deep below a root (deeper folders are not searched). */
    private static final int MAX_DEPTH = 3;

    private CaseDiscovery() {}

    /** Every default root, present or not. */
    public static List<Root> defaultRoots() {
        List<Root> roots = new ArrayList<>();
        for (String s : BACKEND_SUITES) roots.add(new Root("onnx-" + DEBIAN_VERSION + "/" + s, DEBIAN_DATA.resolve(s)));
        Path shared = sharedDir();
        Path backend = shared.resolve("onnx-backend-tests");
        List<String> versions = new ArrayList<>();
        if (Files.isDirectory(backend)) {
            try (Stream<Path> s = Files.list(backend)) {
                s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().forEach(versions::add);
            } catch (IOException e) {
                throw new UncheckedIOException(backend + ": cannot list: " + e.getMessage(), e);
            }
        }
        if (versions.isEmpty()) versions.add("<version>");
        for (String v : versions) {
            for (String s : BACKEND_SUITES) roots.add(new Root("onnx-" + v + "/" + s, backend.resolve(v).resolve(s)));
        }
        roots.add(new Root("models", sharedModels()));
        roots.addAll(extraRoots(System.getProperty(ROOTS_PROPERTY), System.getenv(ROOTS_ENV)));
        return roots;
    }

    /** Roots from the property and environment values (either may be null): one suite per folder, named after it. */
    static List<Root> extraRoots(String property, String env) {
        List<Root> roots = new ArrayList<>();
        for (String value : new String[] {property, env}) {
            if (value == null || value.isBlank()) continue;
            for (String part : value.split(File.pathSeparator)) {
                if (part.isBlank()) continue;
                Path p = Path.of(part.trim()).toAbsolutePath().normalize();
                String suite = p.getFileName() == null ? p.toString() : p.getFileName().toString();
                roots.add(new Root(suite, p));
            }
        }
        return roots;
    }

    /** The cases of all existing roots, in root order, each root's cases sorted by name. */
    public static List<TestCase> discover(List<Root> roots) {
        List<TestCase> all = new ArrayList<>();
        for (Root r : roots) all.addAll(discover(r));
        return all;
    }

    /** The cases under one root (the root itself may be a case folder); none when it is absent. */
    public static List<TestCase> discover(Root root) {
        List<TestCase> cases = new ArrayList<>();
        if (!root.exists()) return cases;
        walk(root, root.dir(), 0, cases);
        cases.sort(Comparator.comparing(TestCase::name));
        return cases;
    }

    private static void walk(Root root, Path dir, int depth, List<TestCase> out) {
        if (isCase(dir)) {
            String name = dir.equals(root.dir()) ? dir.getFileName().toString()
                    : root.dir().relativize(dir).toString().replace(File.separatorChar, '/');
            out.add(new TestCase(root.suite(), name, dir));
            return;
        }
        if (depth >= MAX_DEPTH) return;
        List<Path> children;
        try (Stream<Path> s = Files.list(dir)) {
            children = s.filter(Files::isDirectory).filter(p -> TestCase.dataSetNumber(p) < 0).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot list: " + e.getMessage(), e);
        }
        for (Path c : children) walk(root, c, depth + 1, out);
    }

    /** A case folder: model.onnx and at least one test_data_set_N folder. */
    public static boolean isCase(Path dir) {
        if (!Files.isRegularFile(dir.resolve("model.onnx"))) return false;
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(p -> Files.isDirectory(p) && TestCase.dataSetNumber(p) >= 0);
        } catch (IOException e) {
            return false;
        }
    }

    /** The repository root: the nearest folder holding {@code mvnw}, walking up from the working directory. */
    public static Path repositoryRoot() {
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("mvnw"))) return p;
        }
        return start;
    }

    /** The shared data folder (see the class comment); may not exist. */
    public static Path sharedDir() {
        String forced = System.getProperty(SHARED_PROPERTY);
        if (forced != null && !forced.isBlank()) return Path.of(forced).toAbsolutePath().normalize();
        Path root = repositoryRoot();
        Path first = root.resolveSibling("shared");
        if (Files.isDirectory(first)) return first;
        for (Path p = root.getParent(); p != null && p.getParent() != null; p = p.getParent()) {
            Path candidate = p.resolveSibling("shared");
            if (Files.isDirectory(candidate)) return candidate;
        }
        return first;
    }

    /** The real-model cases folder, {@code <shared>/models}. */
    public static Path sharedModels() { return sharedDir().resolve("models"); }
}
