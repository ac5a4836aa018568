package dev.onyx.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.onyx.importer.TensorFiles;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.onyx.cli.CliHarness.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RunCommandTest {
    @TempDir
    Path dir;

    // ---- the bundled CNN: needs Conv, Gemm, pooling... (fails with an unsupported-op message until they land)

    @Test
    void bundledModelRunsAndMatchesItsExpectedOutput() {
        var r = run("run");
        assertThat(r.exit()).as("stderr: %s", r.err()).isZero();
        assertThat(r.out()).contains("model    small_cnn.onnx (bundled)  (opset 13, 13 nodes)")
                .contains("input    input: float32 [1,3,32,32]  <- bundled test_data_set_0/input_0.pb")
                .contains("output   probabilities: float32 [1,10]")
                .contains("check    matches the bundled expected output")
                .containsPattern("time     load [0-9.]+ ms, run [0-9.]+ ms");
    }

    @Test
    void bundledModelJson() {
        var r = run("run", "--json");
        assertThat(r.exit()).as("stderr: %s", r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("bundled").asBoolean()).isTrue();
        JsonNode out = j.get("outputs").get(0);
        assertThat(out.get("name").asText()).isEqualTo("probabilities");
        assertThat(out.get("dtype").asText()).isEqualTo("float32");
        assertThat(out.get("size").asInt()).isEqualTo(10);
        assertThat(out.get("values")).hasSize(8);
        assertThat(out.get("values_truncated").asBoolean()).isTrue();
        assertThat(out.get("mean").asDouble()).isCloseTo(0.1, within(1e-6)); // softmax over 10 classes
        assertThat(out.get("max").asDouble()).isCloseTo(0.2288373, within(1e-4));
        assertThat(j.get("check").get("ok").asBoolean()).isTrue();
        assertThat(j.get("check").get("max_abs_diff").asDouble()).isLessThan(1e-4);
        assertThat(j.get("time_ms").get("load").asDouble()).isPositive();
        assertThat(j.get("time_ms").get("run").asDouble()).isPositive();
    }

    @Test
    void bundledModelFromFileWithInputAndOutputDir() throws Exception {
        Path model = TestModels.bundled(dir, Bundled.MODEL);
        Path input = TestModels.bundled(dir, Bundled.INPUT);
        Path outDir = dir.resolve("outs");
        var r = run("run", model.toString(), "--input", "input=" + input, "--output-dir", outDir.toString(),
                "--optimization", "none", "--threads", "1");
        assertThat(r.exit()).as("stderr: %s", r.err()).isZero();
        Tensor got = TensorFiles.read(outDir.resolve("probabilities.pb")).tensor();
        Tensor expected = TensorFiles.read(TestModels.bundled(dir, Bundled.EXPECTED)).tensor();
        assertThat(RunCommand.maxAbsDiff(got, expected)).isLessThan(1e-4);
    }

    @Test
    void bundledModelWrongInputShape() throws Exception {
        Path model = TestModels.bundled(dir, Bundled.MODEL);
        Path bad = TestModels.floatTensor(dir.resolve("bad.pb"), "input", 1, 3, 16, 16);
        run("run", model.toString(), "--input", "input=" + bad)
                .failsWithOneLine("input 'input': expected float32 [1,3,32,32], got float32 [1,3,16,16]");
    }

    // ---- a model of Identity nodes: runs end to end today

    @Test
    void runsWithInputFilesText() throws Exception {
        Path model = TestModels.identityModel(dir);
        Path x = TestModels.floatTensor(dir.resolve("x.pb"), "x", 3, 4);
        Path ids = TestModels.int64Tensor(dir.resolve("ids.pb"), "", 7, 8, 9);
        var r = run("run", model.toString(), "--input", "x=" + x, "-i", "ids=" + ids, "--values", "5").succeeds();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("input    x: float32 [3,4]  <- " + x)
                .contains("input    ids: int64 [3]  <- " + ids)
                .contains("output   out/0:y: float32 [3,4]\n  values [0, 1, 2, 3, 4, ...]\n  stats  min 0  max 11  mean 5.5\n")
                .contains("output   ids_out: int64 [3]\n  values [7, 8, 9]\n  stats  min 7  max 9  mean 8\n")
                .contains("output   w_out: float32 [2]\n  values [0.5, -1.5]\n  stats  min -1.5  max 0.5  mean -0.5\n")
                .containsPattern("time     load [0-9.]+ ms, run [0-9.]+ ms");
    }

    @Test
    void runsWithInputFilesJsonAndWritesOutputs() throws Exception {
        Path model = TestModels.identityModel(dir);
        Path x = TestModels.floatTensor(dir.resolve("x.pb"), "x", 2, 4);
        Path ids = TestModels.int64Tensor(dir.resolve("ids.pb"), "ids", 1, 2);
        Path outDir = dir.resolve("new/out");
        // the file names the input "x"/"ids": NAME= may be left out
        var r = run("run", model.toString(), "--input", x.toString(), "--input", ids.toString(), "--json", "-o", outDir.toString())
                .succeeds();
        assertThat(r.err()).isEmpty();
        JsonNode j = r.json();
        assertThat(j.get("model").asText()).isEqualTo(model.toString());
        assertThat(j.get("bundled").asBoolean()).isFalse();
        assertThat(j.get("opset").asInt()).isEqualTo(17);
        assertThat(j.get("inputs")).hasSize(2);
        assertThat(j.get("inputs").get(0).get("source").asText()).isEqualTo(x.toString());
        JsonNode y = j.get("outputs").get(0);
        assertThat(y.get("name").asText()).isEqualTo("out/0:y");
        assertThat(y.get("dtype").asText()).isEqualTo("float32");
        assertThat(y.get("shape").get(0).asInt()).isEqualTo(2);
        assertThat(y.get("shape").get(1).asInt()).isEqualTo(4);
        assertThat(y.get("size").asInt()).isEqualTo(8);
        assertThat(y.get("values")).hasSize(8);
        assertThat(y.get("values").get(7).asDouble()).isEqualTo(7.0);
        assertThat(y.get("values_truncated").asBoolean()).isFalse();
        assertThat(y.get("min").asDouble()).isEqualTo(0.0);
        assertThat(y.get("max").asDouble()).isEqualTo(7.0);
        assertThat(y.get("mean").asDouble()).isEqualTo(3.5);
        assertThat(y.get("nan_count").asInt()).isZero();
        // names are sanitized into safe file names; the stored tensor keeps the real name
        Path yFile = outDir.resolve("out_0_y.pb");
        assertThat(y.get("file").asText()).isEqualTo(yFile.toString());
        TensorFiles.Named back = TensorFiles.read(yFile);
        assertThat(back.name()).isEqualTo("out/0:y");
        assertThat(back.tensor()).isEqualTo(TensorFiles.read(x).tensor());
        assertThat(TensorFiles.read(outDir.resolve("ids_out.pb")).tensor().longs()).containsExactly(1, 2);
        assertThat(TensorFiles.read(outDir.resolve("w_out.pb")).tensor().floats()).containsExactly(0.5f, -1.5f);
        assertThat(j.get("time_ms").get("run").asDouble()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void randomInputsAreSeededAndFollowGivenSymbols() throws Exception {
        Path model = TestModels.identityModel(dir);
        JsonNode a = run("run", model.toString(), "--random-inputs", "--seed", "42", "--json").succeeds().json();
        JsonNode b = run("run", model.toString(), "--random-inputs", "--seed", "42", "--json").succeeds().json();
        JsonNode c = run("run", model.toString(), "--random-inputs", "--seed", "43", "--json").succeeds().json();
        assertThat(a.get("outputs")).isEqualTo(b.get("outputs"));
        assertThat(a.get("outputs").get(0).get("values")).isNotEqualTo(c.get("outputs").get(0).get("values"));
        // symbolic dim "batch" becomes 1
        JsonNode y = a.get("outputs").get(0);
        assertThat(y.get("shape").get(0).asInt()).isEqualTo(1);
        assertThat(y.get("shape").get(1).asInt()).isEqualTo(4);
        assertThat(a.get("inputs").get(0).get("source").asText()).isEqualTo("random (seed 42)");
        JsonNode ids = a.get("outputs").get(1);
        assertThat(ids.get("dtype").asText()).isEqualTo("int64");
        long id = ids.get("values").get(0).asLong();
        assertThat(id).isBetween(0L, (long) RandomInputs.INT_BOUND - 1);

        // x given with batch 3: the random ids get batch 3 too
        Path x = TestModels.floatTensor(dir.resolve("x.pb"), "x", 3, 4);
        JsonNode d = run("run", model.toString(), "--input", "x=" + x, "--random-inputs", "--json").succeeds().json();
        assertThat(d.get("outputs").get(1).get("shape").get(0).asInt()).isEqualTo(3);
        assertThat(d.get("inputs").get(0).get("source").asText()).isEqualTo(x.toString());
    }

    @Test
    void randomFloatsLookNormal() {
        var info = new dev.onyx.ir.ValueInfo("v", dev.onyx.ir.Fact.of(DType.FLOAT, 100, 100));
        Tensor t = new RandomInputs(7, 1 << 30).make(info);
        TensorSummary s = TensorSummary.of(t, 0);
        assertThat(s.mean()).isCloseTo(0, within(0.05));
        double var = 0;
        for (int i = 0; i < t.size(); i++) var += t.getDouble(i) * t.getDouble(i);
        assertThat(var / t.size()).isCloseTo(1, within(0.05));
    }

    @Test
    void missingInputsAreListed() throws Exception {
        Path model = TestModels.identityModel(dir);
        run("run", model.toString())
                .failsWithOneLine("missing inputs: x (float32 [batch,4]), ids (int64 [batch])", "--random-inputs");
        Path x = TestModels.floatTensor(dir.resolve("x.pb"), "x", 3, 4);
        run("run", model.toString(), "--input", "x=" + x).failsWithOneLine("missing input: ids (int64 [batch])");
    }

    @Test
    void unknownInputName() throws Exception {
        Path model = TestModels.identityModel(dir);
        Path x = TestModels.floatTensor(dir.resolve("x.pb"), "x", 3, 4);
        run("run", model.toString(), "--input", "nope=" + x, "--random-inputs")
                .failsWithOneLine("unknown input 'nope'", "x (float32 [batch,4]), ids (int64 [batch])");
    }

    @Test
    void wrongInputShapeDtypeAndSymbolBinding() throws Exception {
        Path model = TestModels.identityModel(dir);
        Path x35 = TestModels.floatTensor(dir.resolve("x35.pb"), "x", 3, 5);
        run("run", model.toString(), "--input", "x=" + x35, "--random-inputs")
                .failsWithOneLine("input 'x': expected float32 [batch,4], got float32 [3,5]");
        Path rank3 = TestModels.floatTensor(dir.resolve("r3.pb"), "x", 1, 3, 4);
        run("run", model.toString(), "--input", "x=" + rank3, "--random-inputs").failsWithOneLine("wrong rank");
        Path ids = TestModels.int64Tensor(dir.resolve("ids.pb"), "ids", 1, 2);
        run("run", model.toString(), "--input", "x=" + ids, "--random-inputs").failsWithOneLine("wrong dtype");
        Path x34 = TestModels.floatTensor(dir.resolve("x34.pb"), "x", 3, 4);
        run("run", model.toString(), "--input", "x=" + x34, "--input", "ids=" + ids)
                .failsWithOneLine("'batch'");
    }

    @Test
    void inputFileErrors() throws Exception {
        Path model = TestModels.identityModel(dir);
        run("run", model.toString(), "--input", "x=" + dir.resolve("nope.pb"))
                .failsWithOneLine("input file " + dir.resolve("nope.pb") + ": no such file");
        Path junk = dir.resolve("junk.pb");
        Files.write(junk, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01, 0x02});
        run("run", model.toString(), "--input", "x=" + junk).failsWithOneLine("junk.pb", "not a TensorProto file");
        Path x = TestModels.floatTensor(dir.resolve("x.pb"), "x", 1, 4);
        run("run", model.toString(), "--input", "x=" + x, "--input", "x=" + x).failsWithOneLine("input 'x' is given twice");
    }

    @Test
    void jsonErrorKeepsStdoutEmpty() throws Exception {
        Path model = TestModels.identityModel(dir);
        run("run", model.toString(), "--json").failsWithOneLine("missing inputs");
    }
}
