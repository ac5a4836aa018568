package dev.onyx.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** onyx bench on the bundled model: timing fields present and ordered, bad arguments refused. */
class BenchCommandTest {
    @Test
    void jsonHasOrderedTimings() {
        JsonNode j = CliHarness.run("bench", "--iterations", "5", "--warmup", "1", "--threads", "1",
                "--optimization", "none", "--json").succeeds().json();
        assertThat(j.get("iterations").asInt()).isEqualTo(5);
        assertThat(j.get("threads").asInt()).isEqualTo(1);
        assertThat(j.get("optimization").asText()).isEqualTo("none");
        double min = j.get("min_ms").asDouble();
        assertThat(min).isPositive();
        assertThat(j.get("median_ms").asDouble()).isGreaterThanOrEqualTo(min);
        assertThat(j.get("p90_ms").asDouble()).isGreaterThanOrEqualTo(j.get("median_ms").asDouble());
    }

    @Test
    void textAndBadArguments() {
        String out = CliHarness.run("bench", "--iterations", "2", "--warmup", "0").succeeds().out();
        assertThat(out).contains("median").contains("p90");
        assertThat(CliHarness.run("bench", "--iterations", "0").exit()).isEqualTo(2);
    }
}
