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

    @Test
    void profileSharesAddUpAndNameEveryNode() {
        JsonNode j = CliHarness.run("bench", "--iterations", "3", "--warmup", "1", "--threads", "1",
                "--optimization", "none", "--profile", "--json").succeeds().json();
        JsonNode types = j.get("profile_by_op_type");
        assertThat(types.size()).isPositive();
        double share = 0;
        for (JsonNode t : types) share += t.get("share").asDouble();
        assertThat(share).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(types.get(0).get("ms_per_run").asDouble()).isPositive();
        JsonNode nodes = j.get("profile_by_node");
        assertThat(nodes.size()).isGreaterThanOrEqualTo(types.size());
        for (JsonNode n : nodes) assertThat(n.get("node").asText()).isNotEmpty();
        String text = CliHarness.run("bench", "--iterations", "2", "--warmup", "0", "--profile").succeeds().out();
        assertThat(text).contains("by op type").contains("slowest nodes").contains("Conv");
    }
}
