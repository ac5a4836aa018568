package dev.onyx.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTest {
    private final Report report = new Report(List.of(
            new CaseResult("a/node", "test_add", Outcome.PASS, "", List.of("Add"), 1),
            new CaseResult("a/node", "test_add_mul", Outcome.FAIL, "output 'y': bad | really", List.of("Add", "Mul"), 1),
            new CaseResult("b", "test_conv", Outcome.UNSUPPORTED, "Conv", List.of("Conv"), 1),
            new CaseResult("b", "test_x", Outcome.ERROR, "boom", List.of("Mul"), 1),
            new CaseResult("b", "test_r", Outcome.SKIPPED, "random", List.of("RandomUniform"), 1)));

    @Test
    void countsPerSuiteAndPerOp() {
        assertThat(report.counts()).isEqualTo(new Report.Counts(5, 1, 1, 1, 1, 1));
        assertThat(report.bySuite().get("a/node")).isEqualTo(new Report.Counts(2, 1, 1, 0, 0, 0));
        assertThat(report.byOp().keySet()).containsExactly("Add", "Conv", "Mul", "RandomUniform");
        assertThat(report.byOp().get("Add")).isEqualTo(new Report.Counts(2, 1, 1, 0, 0, 0));
        assertThat(report.byOp().get("Mul")).isEqualTo(new Report.Counts(2, 0, 1, 0, 1, 0));
    }

    @Test
    void writesJsonAndMarkdown(@TempDir Path dir) throws Exception {
        report.write(dir.resolve("out"));
        JsonNode json = new ObjectMapper().readTree(dir.resolve("out/report.json").toFile());
        assertThat(json.get("total").asInt()).isEqualTo(5);
        assertThat(json.get("passed").asInt()).isEqualTo(1);
        assertThat(json.get("unsupported").asInt()).isEqualTo(1);
        assertThat(json.get("cases").get(1).get("outcome").asText()).isEqualTo("FAIL");
        assertThat(json.get("cases").get(1).get("ops").get(1).asText()).isEqualTo("Mul");
        String md = Files.readString(dir.resolve("out/report.md"));
        assertThat(md).contains("| Add | 2 | 1 | 1 | 0 | 0 | 0 |", "| Mul | 2 | 0 | 1 | 0 | 1 | 0 |",
                "| a/node/test_add_mul | FAIL | output 'y': bad \\| really |", "| b/test_r | SKIPPED | random |");
        assertThat(md).doesNotContain("| a/node/test_add |");
    }
}
