package dev.onyx.conformance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CaseDiscoveryTest {
    private static Path makeCase(Path dir, int sets) throws Exception {
        Files.createDirectories(dir);
        Files.write(dir.resolve("model.onnx"), new byte[0]);
        for (int i = sets - 1; i >= 0; i--) {
            Path s = Files.createDirectories(dir.resolve("test_data_set_" + i));
            Files.write(s.resolve("input_0.pb"), new byte[0]);
        }
        return dir;
    }

    @Test
    void findsCaseFoldersSortedByName(@TempDir Path root) throws Exception {
        makeCase(root.resolve("test_b"), 1);
        makeCase(root.resolve("test_a"), 3);
        Files.createDirectories(root.resolve("not_a_case"));
        Files.write(root.resolve("not_a_case/model.onnx"), new byte[0]); // no data set
        Files.createDirectories(root.resolve("empty"));
        List<TestCase> cases = CaseDiscovery.discover(new CaseDiscovery.Root("onnx-x/node", root));
        assertThat(cases).extracting(TestCase::name).containsExactly("test_a", "test_b");
        TestCase a = cases.get(0);
        assertThat(a.suite()).isEqualTo("onnx-x/node");
        assertThat(a.id()).isEqualTo("onnx-x/node/test_a");
        assertThat(a.dir()).isEqualTo(root.resolve("test_a"));
        assertThat(a.dataSets()).extracting(p -> p.getFileName().toString())
                .containsExactly("test_data_set_0", "test_data_set_1", "test_data_set_2");
    }

    @Test
    void findsNestedCasesAndRootThatIsACase(@TempDir Path root) throws Exception {
        makeCase(root.resolve("group/deep_case"), 1);
        assertThat(CaseDiscovery.discover(new CaseDiscovery.Root("r", root))).extracting(TestCase::name)
                .containsExactly("group/deep_case");
        Path single = makeCase(root.resolve("solo"), 1);
        assertThat(CaseDiscovery.discover(new CaseDiscovery.Root("one", single))).extracting(TestCase::name)
                .containsExactly("solo");
    }

    @Test
    void absentRootHasNoCases(@TempDir Path root) {
        CaseDiscovery.Root r = new CaseDiscovery.Root("gone", root.resolve("missing"));
        assertThat(r.exists()).isFalse();
        assertThat(CaseDiscovery.discover(r)).isEmpty();
    }

    @Test
    void numberedFilesStopAtTheFirstGap(@TempDir Path dir) throws Exception {
        for (String f : List.of("input_0.pb", "input_1.pb", "input_3.pb", "output_0.pb")) Files.write(dir.resolve(f), new byte[0]);
        assertThat(TestCase.numbered(dir, "input")).extracting(p -> p.getFileName().toString())
                .containsExactly("input_0.pb", "input_1.pb");
        assertThat(TestCase.numbered(dir, "output")).hasSize(1);
    }

    @Test
    void extraRootsComeFromPropertyAndEnvironment(@TempDir Path root) {
        String value = root.resolve("a") + File.pathSeparator + " " + File.pathSeparator + root.resolve("b");
        List<CaseDiscovery.Root> roots = CaseDiscovery.extraRoots(value, root.resolve("c").toString());
        assertThat(roots).extracting(CaseDiscovery.Root::suite).containsExactly("a", "b", "c");
        assertThat(CaseDiscovery.extraRoots(null, null)).isEmpty();
    }

    @Test
    void defaultRootsNameTheSuites() {
        List<String> suites = CaseDiscovery.defaultRoots().stream().map(CaseDiscovery.Root::suite).toList();
        assertThat(suites).contains("onnx-1.12/node", "onnx-1.12/pytorch-converted", "onnx-1.12/pytorch-operator",
                "onnx-1.12/simple", "models");
        assertThat(suites).anyMatch(s -> s.startsWith("onnx-") && !s.startsWith("onnx-1.12/") && s.endsWith("/node"));
        assertThat(CaseDiscovery.repositoryRoot().resolve("mvnw")).exists();
    }
}
