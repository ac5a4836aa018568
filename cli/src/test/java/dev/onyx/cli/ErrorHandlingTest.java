package dev.onyx.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static dev.onyx.cli.CliHarness.run;
import static org.assertj.core.api.Assertions.assertThat;

class ErrorHandlingTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"run", "inspect"})
    void missingFile(String command) {
        Path p = dir.resolve("absent.onnx");
        run(command, p.toString()).failsWithOneLine(p + ": no such file");
        run(command, p.toString(), "--json").failsWithOneLine("no such file");
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "inspect"})
    void emptyFile(String command) throws Exception {
        Path p = Files.createFile(dir.resolve("empty.onnx"));
        run(command, p.toString()).failsWithOneLine("empty.onnx", "empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "inspect"})
    void randomBytes(String command) throws Exception {
        byte[] b = new byte[4096];
        new Random(1).nextBytes(b);
        Path p = Files.write(dir.resolve("noise.onnx"), b);
        run(command, p.toString()).failsWithOneLine("noise.onnx");
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "inspect"})
    void textFileIsNotAModel(String command) throws Exception {
        Path p = Files.writeString(dir.resolve("model.onnx"), "this is not an onnx file\nat all\n");
        run(command, p.toString()).failsWithOneLine("model.onnx");
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "inspect"})
    void directory(String command) {
        run(command, dir.toString()).failsWithOneLine("is a directory");
    }

    @Test
    void verboseAddsTheStackTrace() {
        Path p = dir.resolve("absent.onnx");
        var r = run("run", p.toString(), "--verbose");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().lines().count()).isGreaterThan(3);
        assertThat(r.err()).contains("\tat ").contains("onyx: " + p + ": no such file");
    }

    @Test
    void badUsageExitsWith2AndPrintsUsage() {
        var r = run("run", "--no-such-option");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown option: '--no-such-option'").contains("Usage: onyx run");
        assertThat(r.out()).isEmpty();

        assertThat(run("frobnicate").exit()).isEqualTo(2);
        assertThat(run().exit()).isEqualTo(2);
        assertThat(run("run", "a.onnx", "b.onnx").exit()).isEqualTo(2);
        assertThat(run("run", "--optimization", "extreme").err()).contains("extreme");
        assertThat(run("run", "--optimization", "extreme").exit()).isEqualTo(2);
        assertThat(run("run", "--threads", "0").exit()).isEqualTo(2);
        assertThat(run("run", "--threads", "x").exit()).isEqualTo(2);
        assertThat(run("run", "--seed").exit()).isEqualTo(2);
        assertThat(run("inspect", "--bogus").exit()).isEqualTo(2);
    }

    @Test
    void optimizationLevelsAreCaseInsensitive() throws Exception {
        Path model = TestModels.identityModel(dir);
        for (String level : new String[] {"none", "basic", "all", "ALL"}) {
            run("run", model.toString(), "--random-inputs", "--optimization", level, "--threads", "2").succeeds();
        }
    }

    @Test
    void oneLineJoinsMultiLineMessages() {
        String s = Errors.oneLine(new dev.onyx.UnsupportedModelException("m.onnx: 2 unsupported operators:\n  A used by x\n  B used by y"));
        assertThat(s).isEqualTo("m.onnx: 2 unsupported operators: A used by x; B used by y");
        assertThat(Errors.oneLine(new NullPointerException())).isEqualTo("NullPointerException");
        assertThat(Errors.oneLine(new java.io.IOException("disk full"))).isEqualTo("IOException: disk full");
    }
}
