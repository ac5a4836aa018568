package dev.onyx.conformance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RatchetTest {
    private static CaseResult r(String suite, String name, Outcome o) {
        return new CaseResult(suite, name, o, o == Outcome.PASS ? "" : "why", List.of("Identity"), 1);
    }

    @Test
    void parsesNamesCommentsAndBlankLines() {
        assertThat(Ratchet.parse("# header\n\ntest_a\n  test_b  # trailing comment\r\n#test_c\n"))
                .containsExactlyInAnyOrder("test_a", "test_b");
    }

    @Test
    void loadsOneFilePerSuite(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("onnx-1.12_node.txt"), "test_identity\n");
        Files.writeString(dir.resolve("models.txt"), "# none yet\n");
        Files.writeString(dir.resolve("README"), "ignored");
        Ratchet ratchet = Ratchet.load(dir);
        assertThat(ratchet.requires("onnx-1.12/node", "test_identity")).isTrue();
        assertThat(ratchet.requires("onnx-1.12/node", "test_abs")).isFalse();
        assertThat(ratchet.requires("onnx-1.23.0/node", "test_identity")).isFalse();
        assertThat(ratchet.required()).containsOnlyKeys("onnx-1.12_node", "models");
        assertThat(Ratchet.load(dir.resolve("absent")).required()).isEmpty();
    }

    @Test
    void listedCaseThatDoesNotPassIsARegression() {
        Ratchet ratchet = new Ratchet(Map.of("s_x", Set.of("a", "b")));
        Ratchet.Verdict v = ratchet.check(List.of(r("s/x", "a", Outcome.PASS), r("s/x", "b", Outcome.UNSUPPORTED),
                r("s/x", "c", Outcome.FAIL)), true);
        assertThat(v.ok()).isFalse();
        assertThat(v.regressions()).extracting(CaseResult::name).containsExactly("b");
        assertThat(v.progress()).isEmpty();
        assertThat(v.missing()).isEmpty();
    }

    @Test
    void passingUnlistedCasesAreProgressNotFailure() {
        Ratchet ratchet = new Ratchet(Map.of("s_x", Set.of("a")));
        Ratchet.Verdict v = ratchet.check(List.of(r("s/x", "a", Outcome.PASS), r("s/x", "d", Outcome.PASS),
                r("s/x", "c", Outcome.PASS), r("other", "z", Outcome.PASS)), true);
        assertThat(v.ok()).isTrue();
        assertThat(v.progress()).containsEntry("s/x", List.of("c", "d")).containsEntry("other", List.of("z"));
        assertThat(v.progressText()).contains("# s_x.txt: 2 newly passing\nc\nd\n", "# other.txt: 1 newly passing\nz\n");
    }

    @Test
    void listedButAbsentCaseFailsOnlyForCompleteRuns() {
        Ratchet ratchet = new Ratchet(Map.of("s_x", Set.of("a", "gone"), "not_run", Set.of("q")));
        List<CaseResult> results = List.of(r("s/x", "a", Outcome.PASS));
        Ratchet.Verdict complete = ratchet.check(results, true);
        assertThat(complete.ok()).isFalse();
        assertThat(complete.missing()).containsOnlyKeys("s/x").containsEntry("s/x", List.of("gone"));
        assertThat(ratchet.check(results, false).ok()).isTrue();
    }

    @Test
    void updateKeepsUnrunEntriesAndFollowsResults(@TempDir Path dir) throws Exception {
        Ratchet ratchet = new Ratchet(Map.of("s_x", Set.of("a", "b", "not_run"), "t", Set.of("q")));
        Map<String, Set<String>> lists = ratchet.updated(List.of(r("s/x", "a", Outcome.PASS),
                r("s/x", "b", Outcome.ERROR), r("s/x", "c", Outcome.PASS), r("new/suite", "n", Outcome.PASS),
                r("new/suite", "m", Outcome.SKIPPED)));
        assertThat(lists.get("s_x")).containsExactly("a", "c", "not_run");
        assertThat(lists.get("t")).containsExactly("q");
        assertThat(lists.get("new_suite")).containsExactly("n");

        Ratchet.write(dir, lists);
        Ratchet reread = Ratchet.load(dir);
        assertThat(reread.required()).isEqualTo(lists);
        assertThat(Files.readString(dir.resolve("s_x.txt"))).startsWith("#").endsWith("a\nc\nnot_run\n");
    }
}
