package dev.onyx.importer.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes loading and running model bytes with Jazzer. Without {@code JAZZER_FUZZ=1} it replays the seeds
 * and every past finding kept in {@code src/test/resources/dev/onyx/importer/fuzz/OnnxLoadFuzzTestInputs/load/}.
 * With it, Jazzer mutates them for 15 s (CI passes a longer time: see the README).
 */
class OnnxLoadFuzzTest {
    @FuzzTest(maxDuration = "15s")
    void load(byte[] data) {
        LoadContract.check(data);
    }
}
