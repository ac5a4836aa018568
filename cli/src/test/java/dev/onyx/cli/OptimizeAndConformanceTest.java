package dev.onyx.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.onyx.importer.TensorFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** onyx inspect --optimized, onyx optimize and onyx conformance on the bundled CNN. */
class OptimizeAndConformanceTest {
    @TempDir
    Path dir;

    /** The bundled model laid out as a backend-test case folder. */
    private Path bundledCase() throws Exception {
        Path c = dir.resolve("cases/small_cnn");
        Files.createDirectories(c.resolve("test_data_set_0"));
        Files.move(TestModels.bundled(dir, "small_cnn.onnx"), c.resolve("model.onnx"));
        Files.move(TestModels.bundled(dir, "test_data_set_0/input_0.pb"), c.resolve("test_data_set_0/input_0.pb"));
        Files.move(TestModels.bundled(dir, "test_data_set_0/output_0.pb"), c.resolve("test_data_set_0/output_0.pb"));
        return c;
    }

    @Test
    void inspectOptimizedShowsTheRewrites() throws Exception {
        Path c = bundledCase();
        JsonNode j = CliHarness.run("inspect", c.resolve("model.onnx").toString(), "--optimized", "--json").succeeds().json();
        assertThat(j.get("nodes_after").asInt()).isLessThan(j.get("nodes_before").asInt());
        assertThat(j.get("ops_before").has("BatchNormalization")).isTrue();
        assertThat(j.get("ops_after").has("BatchNormalization")).isFalse();
        assertThat(j.get("ops_after").has("Dropout")).isFalse();
        assertThat(j.get("ops_after").has("Relu")).isFalse();
        assertThat(j.get("rewrites").size()).isGreaterThan(0);
        assertThat(j.get("rewrites").get(0).get("pass").asText()).isNotEmpty();

        String text = CliHarness.run("inspect", c.resolve("model.onnx").toString(), "--optimized").succeeds().out();
        assertThat(text).contains("optimized").contains("FoldBatchNormIntoConv");
    }

    @Test
    void optimizedFileLoadsAgainWithTheSameResults() throws Exception {
        Path c = bundledCase();
        Path out = dir.resolve("opt.onnx");
        String msg = CliHarness.run("optimize", c.resolve("model.onnx").toString(), "-o", out.toString()).succeeds().out();
        assertThat(msg).startsWith("wrote ");
        Path outDir = dir.resolve("outputs");
        CliHarness.run("run", out.toString(), "--input", c.resolve("test_data_set_0/input_0.pb").toString(),
                "--output-dir", outDir.toString()).succeeds();
        float[] expected = TensorFiles.read(c.resolve("test_data_set_0/output_0.pb")).tensor().floats();
        try (var files = Files.list(outDir)) {
            Path produced = files.findFirst().orElseThrow();
            float[] actual = TensorFiles.read(produced).tensor().floats();
            assertThat(actual).hasSameSizeAs(expected);
            for (int i = 0; i < expected.length; i++) {
                assertThat((double) actual[i]).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-4));
            }
        }
        // the optimized file inspects cleanly and holds the fused ops
        JsonNode j = CliHarness.run("inspect", out.toString(), "--json").succeeds().json();
        assertThat(j.get("opsets").has("ai.onyx")).isTrue();
        assertThat(j.get("compiles").asBoolean()).isTrue();
    }

    @Test
    void conformanceRunsCasesAndWritesReports() throws Exception {
        bundledCase();
        Path report = dir.resolve("report");
        JsonNode j = CliHarness.run("conformance", dir.resolve("cases").toString(), "--json", "--report", report.toString(),
                "--optimization", "both").succeeds().json();
        assertThat(j.get("total").asInt()).isEqualTo(1);
        assertThat(j.get("passed").asInt()).isEqualTo(1);
        assertThat(j.get("failed").asInt()).isZero();
        assertThat(j.get("unsupported").asInt()).isZero();
        assertThat(j.get("errors").asInt()).isZero();
        JsonNode c = j.get("cases").get(0);
        assertThat(c.get("suite").asText()).isEqualTo("cases");
        assertThat(c.get("name").asText()).isEqualTo("small_cnn");
        assertThat(c.get("outcome").asText()).isEqualTo("PASS");
        assertThat(report.resolve("report.json")).exists();
        assertThat(Files.readString(report.resolve("report.md"))).contains("| Conv |");
    }

    @Test
    void conformanceTextSummaryAndFilter() throws Exception {
        bundledCase();
        CliHarness.Result r = CliHarness.run("conformance", dir.resolve("cases").toString(), "--filter", "small");
        r.succeeds();
        assertThat(r.out()).startsWith("1 cases: 1 passed").contains("Gemm");
        CliHarness.run("conformance", dir.resolve("cases").toString(), "--filter", "nothing-matches")
                .failsWithOneLine("no cases found");
        CliHarness.run("conformance", dir.resolve("missing").toString()).failsWithOneLine("no such folder");
    }
}
