package dev.onyx.importer.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes loading and running models with Jazzer. An input whose first byte is odd is turned into a
 * well-formed model of real operators with edge-value attributes and constants ({@link ModelGenerator});
 * any other input is taken as model bytes as they are (the seeds are .onnx files, which start with an
 * even byte).
 *
 * <p>Without {@code JAZZER_FUZZ=1} it replays the seeds and every past finding kept in
 * {@code src/test/resources/dev/onyx/importer/fuzz/OnnxLoadFuzzTestInputs/load/}. With it, Jazzer mutates
 * them for 15 s; CI fuzzes for 2 minutes (see the README).
 */
class OnnxLoadFuzzTest {
    @FuzzTest(maxDuration = "15s")
    void load(byte[] data) {
        if (data.length > 0 && (data[0] & 1) == 1) LoadContract.check(ModelGenerator.generate(data, 1));
        else LoadContract.check(data);
    }
}
