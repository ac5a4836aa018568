package dev.onyx.conformance;

import dev.onyx.SessionOptions;
import dev.onyx.SessionOptions.OptimizationLevel;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * Real models in ../shared/models: every case, every test_data_set_N, compared with output_N.pb at rtol 1e-3,
 * atol 1e-4 ({@link Tolerance#MODELS}), at optimization level NONE and at ALL, so that an optimizer bug shows
 * up as a difference. All must pass. Skipped when the folder is absent.
 */
class SharedModelsTest {
    @TestFactory
    Stream<DynamicTest> sharedModels() {
        Path dir = CaseDiscovery.sharedModels();
        Assumptions.assumeTrue(Files.isDirectory(dir),
                "real-model tests skipped: folder ../shared/models is absent (looked for " + dir + ")");
        List<TestCase> cases = CaseDiscovery.discover(new CaseDiscovery.Root("models", dir));
        Assertions.assertFalse(cases.isEmpty(), dir + " holds no model.onnx + test_data_set_N case");
        Duration timeout = Duration.ofSeconds(Long.getLong("onyx.conformance.modelTimeoutSeconds", 300));
        return Stream.of(OptimizationLevel.NONE, OptimizationLevel.ALL).flatMap(level -> {
            CaseRunner runner = new CaseRunner(SessionOptions.defaults().withOptimizationLevel(level), timeout);
            return cases.stream().map(c -> DynamicTest.dynamicTest(c.name() + " [" + level + "]", c.dir().toUri(), () -> {
                CaseResult r = runner.run(c, Tolerance.MODELS);
                Assertions.assertEquals(Outcome.PASS, r.outcome(), () -> c.id() + " at " + level + ": " + r.message());
            }));
        });
    }
}
