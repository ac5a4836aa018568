package dev.onyx.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.onyx.cli.CliHarness.run;
import static org.assertj.core.api.Assertions.assertThat;

class InspectCommandTest {
    @TempDir
    Path dir;

    @Test
    void bundledModelText() {
        var r = run("inspect").succeeds();
        assertThat(r.err()).isEmpty();
        String out = r.out();
        assertThat(out).contains("model        small_cnn.onnx (bundled)")
                .contains("producer     onyx-make_bundled_model 1")
                .contains("ir_version   7")
                .contains("opsets       ai.onnx 13")
                .contains("  input: float32 [1,3,32,32]")
                .contains("  probabilities: float32 [1,10]")
                .contains("nodes        13\n")
                .contains("parameters   34,554 in 12 initializers (135.0 KiB)");
        assertThat(out).containsPattern("\\n  Conv +2")
                .containsPattern("\\n  Gemm +2")
                .containsPattern("\\n  Relu +2")
                .containsPattern("\\n  BatchNormalization +1")
                .containsPattern("\\n  Softmax +1");
        assertThat(out).containsPattern("\\nonyx +(compiles the model|cannot compile the model: .*unsupported)");
    }

    @Test
    void fileAndBundledGiveTheSameDescription() throws Exception {
        Path model = TestModels.bundled(dir, Bundled.MODEL);
        JsonNode fromFile = run("inspect", model.toString(), "--json").succeeds().json();
        JsonNode bundled = run("inspect", "--json").succeeds().json();
        assertThat(fromFile.get("model").asText()).isEqualTo(model.toString());
        assertThat(fromFile.get("bundled").asBoolean()).isFalse();
        assertThat(bundled.get("bundled").asBoolean()).isTrue();
        for (String k : List.of("ir_version", "opsets", "inputs", "outputs", "nodes", "parameters", "ops")) {
            assertThat(fromFile.get(k)).as(k).isEqualTo(bundled.get(k));
        }
    }

    @Test
    void bundledModelJson() {
        var r = run("inspect", "--json").succeeds();
        assertThat(r.err()).isEmpty();
        JsonNode j = r.json();
        assertThat(j.get("producer_name").asText()).isEqualTo("onyx-make_bundled_model");
        assertThat(j.get("producer_version").asText()).isEqualTo("1");
        assertThat(j.get("ir_version").asLong()).isEqualTo(7);
        assertThat(j.get("opsets").get("ai.onnx").asInt()).isEqualTo(13);
        assertThat(j.get("opsets").size()).isEqualTo(1);
        assertThat(j.get("inputs")).hasSize(1);
        JsonNode in = j.get("inputs").get(0);
        assertThat(in.get("name").asText()).isEqualTo("input");
        assertThat(in.get("dtype").asText()).isEqualTo("float32");
        assertThat(ints(in.get("shape"))).containsExactly(1L, 3L, 32L, 32L);
        JsonNode out = j.get("outputs").get(0);
        assertThat(out.get("name").asText()).isEqualTo("probabilities");
        assertThat(ints(out.get("shape"))).containsExactly(1L, 10L);
        assertThat(j.get("nodes").asInt()).isEqualTo(13);
        assertThat(j.get("subgraphs").asInt()).isZero();
        assertThat(j.get("initializers").asInt()).isEqualTo(12);
        // conv1 8*3*3*3+8, bn 4*8, conv2 16*8*3*3+16, fc1 32*1024+32, fc2 32*10+10
        long params = 8 * 27 + 8 + 4 * 8 + 16 * 72 + 16 + 32 * 1024 + 32 + 320 + 10;
        assertThat(j.get("parameters").asLong()).isEqualTo(params);
        assertThat(j.get("parameter_bytes").asLong()).isEqualTo(params * 4);
        JsonNode ops = j.get("ops");
        assertThat(ops.get("Conv").asInt()).isEqualTo(2);
        assertThat(ops.get("Gemm").asInt()).isEqualTo(2);
        assertThat(ops.get("Relu").asInt()).isEqualTo(2);
        for (String op : List.of("BatchNormalization", "MaxPool", "Tanh", "AveragePool", "Flatten", "Dropout", "Softmax")) {
            assertThat(ops.get(op).asInt()).as(op).isEqualTo(1);
        }
        assertThat(ops.size()).isEqualTo(10);
        if (j.get("compiles").asBoolean()) {
            assertThat(j.get("compile_error").isNull()).isTrue();
            assertThat(j.get("unsupported_ops")).isEmpty();
            JsonNode inf = out.get("inferred");
            assertThat(inf.get("dtype").asText()).isEqualTo("float32");
            assertThat(ints(inf.get("shape"))).containsExactly(1L, 10L);
        } else {
            assertThat(j.get("compile_error").asText()).contains("unsupported");
            assertThat(j.get("unsupported_ops")).isNotEmpty();
        }
    }

    @Test
    void symbolicDimsInitializerInputsAndMetadata() throws Exception {
        Path model = TestModels.identityModel(dir);
        JsonNode j = run("inspect", model.toString(), "--json").succeeds().json();
        assertThat(j.get("producer_name").asText()).isEqualTo("cli-test");
        assertThat(j.get("producer_version").asText()).isEqualTo("9.9");
        assertThat(j.get("ir_version").asInt()).isEqualTo(8);
        assertThat(j.get("domain").asText()).isEqualTo("dev.onyx.test");
        assertThat(j.get("model_version").asInt()).isEqualTo(3);
        assertThat(j.get("metadata").get("author").asText()).isEqualTo("tests");
        assertThat(j.get("opsets").get("ai.onnx").asInt()).isEqualTo(17);
        // w has an initializer: it is an optional input, counted apart
        assertThat(j.get("inputs")).hasSize(2);
        assertThat(j.get("initializer_inputs").asInt()).isEqualTo(1);
        JsonNode x = j.get("inputs").get(0);
        assertThat(x.get("name").asText()).isEqualTo("x");
        assertThat(x.get("shape").get(0).asText()).isEqualTo("batch");
        assertThat(x.get("shape").get(0).isTextual()).isTrue();
        assertThat(x.get("shape").get(1).asInt()).isEqualTo(4);
        JsonNode ids = j.get("inputs").get(1);
        assertThat(ids.get("dtype").asText()).isEqualTo("int64");
        assertThat(ids.get("shape").get(0).asText()).isEqualTo("batch");
        assertThat(j.get("outputs")).hasSize(3);
        assertThat(j.get("outputs").get(0).get("name").asText()).isEqualTo("out/0:y");
        assertThat(j.get("nodes").asInt()).isEqualTo(3);
        assertThat(j.get("ops").get("Identity").asInt()).isEqualTo(3);
        assertThat(j.get("parameters").asInt()).isEqualTo(2);
        assertThat(j.get("parameter_bytes").asInt()).isEqualTo(8);
        // Identity is always available: the session compiles and infers the output shapes
        assertThat(j.get("compiles").asBoolean()).as(j.toString()).isTrue();
        JsonNode inf = j.get("outputs").get(0).get("inferred");
        assertThat(inf.get("dtype").asText()).isEqualTo("float32");
        assertThat(inf.get("shape").get(0).asText()).isEqualTo("batch");
        assertThat(inf.get("shape").get(1).asInt()).isEqualTo(4);
    }

    @Test
    void symbolicDimsText() throws Exception {
        Path model = TestModels.identityModel(dir);
        String out = run("inspect", model.toString()).succeeds().out();
        assertThat(out).contains("  x: float32 [batch,4]")
                .contains("  ids: int64 [batch]")
                .contains("(+ 1 initializer-backed inputs with default values)")
                .contains("  out/0:y: float32 [batch,4]")
                .contains("metadata     author = tests")
                .contains("domain       dev.onyx.test")
                .contains("version      3")
                .contains("parameters   2 in 1 initializers (8 B)")
                .contains("onyx         compiles the model");
        assertThat(out).containsPattern("\\n  Identity +3\\n");
    }

    @Test
    void unsupportedCustomOpIsDescribedNotFatal() throws Exception {
        Path model = TestModels.customOpModel(dir);
        var r = run("inspect", model.toString(), "--json").succeeds();
        JsonNode j = r.json();
        assertThat(j.get("producer_name").asText()).isEmpty();
        assertThat(j.get("opsets").get("com.example").asInt()).isEqualTo(1);
        assertThat(j.get("opsets").get("ai.onnx").asInt()).isEqualTo(13);
        JsonNode a = j.get("inputs").get(0).get("shape");
        assertThat(a.get(0).asText()).isEqualTo("n");
        assertThat(a.get(1).isNull()).isTrue();
        assertThat(a.get(2).asInt()).isEqualTo(3);
        JsonNode c = j.get("outputs").get(0);
        assertThat(c.get("dtype").isNull()).isTrue();
        assertThat(c.get("shape").isNull()).isTrue();
        assertThat(j.get("ops").get("com.example.Frobnicate").asInt()).isEqualTo(1);
        assertThat(j.get("compiles").asBoolean()).isFalse();
        assertThat(j.get("compile_error").asText()).contains("Frobnicate").doesNotContain("\n");
        assertThat(j.get("unsupported_ops").get(0).asText()).isEqualTo("com.example.Frobnicate");

        String text = run("inspect", model.toString()).succeeds().out();
        assertThat(text).contains("  a: float32 [n,?,3]").contains("  c: ? [?]")
                .containsPattern("com\\.example\\.Frobnicate +1 +\\(unsupported\\)")
                .contains("onyx         cannot compile the model: ");
    }

    @Test
    void helpAndVersion() {
        var h = run("inspect", "--help").succeeds();
        assertThat(h.out()).contains("Usage: onyx inspect").contains("--json");
        var v = run("--version").succeeds();
        assertThat(v.out()).startsWith("onyx ");
    }

    private static List<Long> ints(JsonNode array) {
        List<Long> l = new ArrayList<>();
        array.forEach(n -> { if (n.isNumber()) l.add(n.asLong()); });
        return l;
    }
}
