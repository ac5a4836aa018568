package dev.onyx.conformance;

import dev.onyx.SessionOptions;
import dev.onyx.importer.TensorFiles;
import dev.onyx.importer.proto.OnnxProto.GraphProto;
import dev.onyx.importer.proto.OnnxProto.ModelProto;
import dev.onyx.importer.proto.OnnxProto.NodeProto;
import dev.onyx.importer.proto.OnnxProto.OperatorSetIdProto;
import dev.onyx.importer.proto.OnnxProto.TensorProto;
import dev.onyx.importer.proto.OnnxProto.TensorShapeProto;
import dev.onyx.importer.proto.OnnxProto.TypeProto;
import dev.onyx.importer.proto.OnnxProto.ValueInfoProto;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs hand-built cases: a graph with an initializer-backed input, to check by-position feeding. */
class CaseRunnerTest {
    private static final CaseRunner RUNNER = new CaseRunner(SessionOptions.defaults(), Duration.ofSeconds(30));

    private static ValueInfoProto floatInput(String name, long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long d : dims) shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(1).setShape(shape))).build();
    }

    private static NodeProto node(String op, String in, String out) {
        return NodeProto.newBuilder().setOpType(op).addInput(in).addOutput(out).build();
    }

    /**
     * Graph inputs [w (has an initializer), x]; y = Identity(x), z = Identity(w). So input_0.pb must feed x and
     * output_1.pb is compared with z = w.
     */
    private static Path model(Path dir, String op) throws Exception {
        Files.createDirectories(dir);
        GraphProto g = GraphProto.newBuilder().setName("g")
                .addNode(node(op, "x", "y")).addNode(node("Identity", "w", "z"))
                .addInput(floatInput("w", 2)).addInput(floatInput("x", 3))
                .addInitializer(TensorProto.newBuilder().setName("w").setDataType(1).addDims(2).addFloatData(7).addFloatData(8))
                .addOutput(floatInput("y", 3)).addOutput(floatInput("z", 2)).build();
        ModelProto m = ModelProto.newBuilder().setIrVersion(8)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(13)).setGraph(g).build();
        Files.write(dir.resolve("model.onnx"), m.toByteArray());
        return dir;
    }

    private static void dataSet(Path dir, int n, float[] x, float[] y, float[] z) throws Exception {
        Path s = Files.createDirectories(dir.resolve("test_data_set_" + n));
        TensorFiles.write(s.resolve("input_0.pb"), "", Tensor.of(x, x.length));
        TensorFiles.write(s.resolve("output_0.pb"), "", Tensor.of(y, y.length));
        if (z != null) TensorFiles.write(s.resolve("output_1.pb"), "z", Tensor.of(z, z.length));
    }

    @Test
    void feedsInputsByPositionSkippingInitializers(@TempDir Path tmp) throws Exception {
        Path dir = model(tmp.resolve("test_id"), "Identity");
        dataSet(dir, 0, new float[] {1, 2, 3}, new float[] {1, 2, 3}, new float[] {7, 8});
        dataSet(dir, 1, new float[] {4, 5, 6}, new float[] {4, 5, 6}, null);
        CaseResult r = RUNNER.run(new TestCase("t", "test_id", dir));
        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.PASS);
        assertThat(r.ops()).containsExactly("Identity");
        assertThat(CaseRunner.runBothLevels(new TestCase("t", "test_id", dir), SessionOptions.defaults(), Duration.ofSeconds(30))
                .outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void wrongValuesFailWithOutputNameAndWorstElement(@TempDir Path tmp) throws Exception {
        Path dir = model(tmp.resolve("test_id"), "Identity");
        dataSet(dir, 0, new float[] {1, 2, 3}, new float[] {1, 2, 3}, new float[] {7, 8});
        dataSet(dir, 1, new float[] {4, 5, 6}, new float[] {4, 5, 6.5f}, null);
        CaseResult r = RUNNER.run(new TestCase("t", "test_id", dir));
        assertThat(r.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(r.message()).contains("test_data_set_1", "output 'y'", "flat index 2", "expected 6.5", "actual 6.0",
                "max abs error 0.500");
    }

    @Test
    void unknownOpIsUnsupported(@TempDir Path tmp) throws Exception {
        Path dir = model(tmp.resolve("test_x"), "NoSuchOp");
        dataSet(dir, 0, new float[] {1, 2, 3}, new float[] {1, 2, 3}, null);
        CaseResult r = RUNNER.run(new TestCase("t", "test_x", dir));
        assertThat(r.outcome()).isEqualTo(Outcome.UNSUPPORTED);
        assertThat(r.message()).contains("NoSuchOp");
        assertThat(r.ops()).containsExactly("Identity", "NoSuchOp");
    }

    @Test
    void randomOpsAndTrainingDropoutAreSkipped(@TempDir Path tmp) throws Exception {
        Path dir = model(tmp.resolve("test_r"), "RandomUniformLike");
        dataSet(dir, 0, new float[] {1, 2, 3}, new float[] {1, 2, 3}, null);
        CaseResult r = RUNNER.run(new TestCase("t", "test_r", dir));
        assertThat(r.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(r.message()).contains("RandomUniformLike");
        assertThat(Skips.reason("test_training_dropout_mask", List.of("Dropout"))).isPresent();
        assertThat(Skips.reason("test_training_dropout_zero_ratio_mask", List.of("Dropout"))).isEmpty();
        assertThat(Skips.reason("test_dropout_random_old", List.of("Dropout"))).isEmpty();
    }

    @Test
    void malformedCasesAreErrors(@TempDir Path tmp) throws Exception {
        Path dir = model(tmp.resolve("test_e"), "Identity");
        dataSet(dir, 0, new float[] {1, 2, 3}, new float[] {1, 2, 3}, null);
        TensorFiles.write(dir.resolve("test_data_set_0/input_1.pb"), "", Tensor.of(new float[] {1}, 1));
        CaseResult r = RUNNER.run(new TestCase("t", "test_e", dir));
        assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(r.message()).contains("2 input files", "[x]");

        Path broken = Files.createDirectories(tmp.resolve("test_b"));
        Files.writeString(broken.resolve("model.onnx"), "not a model");
        assertThat(RUNNER.run(new TestCase("t", "test_b", broken)).outcome()).isEqualTo(Outcome.ERROR);
    }

    @Test
    void combineKeepsTheFirstLevelThatDoesNotPass() {
        CaseResult pass = new CaseResult("s", "n", Outcome.PASS, "", List.of("A"), 1);
        CaseResult fail = new CaseResult("s", "n", Outcome.FAIL, "bad", List.of("A"), 1);
        assertThat(CaseResult.combine("NONE", pass, "ALL", pass).outcome()).isEqualTo(Outcome.PASS);
        CaseResult c = CaseResult.combine("NONE", pass, "ALL", fail);
        assertThat(c.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(c.message()).isEqualTo("ALL (NONE passes): bad");
        assertThat(CaseResult.combine("NONE", fail, "ALL", pass).message()).isEqualTo("NONE: bad | ALL: PASS ");
        assertThat(CaseResult.combine("NONE", fail, "ALL", fail).message()).isEqualTo("bad");
    }

    @Test
    void uint16InputIsReadAsBfloat16WhenTheModelSaysBfloat16() {
        short[] bits = {Tensor.floatToBfloat16(1.5f), Tensor.floatToBfloat16(-3f)};
        Tensor u = Tensor.ofShorts(DType.UINT16, bits, 2);
        Tensor b = CaseRunner.bfloat16Quirk(u, DType.BFLOAT16);
        assertThat(b.dtype()).isEqualTo(DType.BFLOAT16);
        assertThat(b.shape()).containsExactly(2);
        assertThat(b.getDouble(0)).isEqualTo(1.5);
        assertThat(b.getDouble(1)).isEqualTo(-3.0);
        assertThat(CaseRunner.bfloat16Quirk(u, DType.UINT16)).isSameAs(u);
        assertThat(CaseRunner.bfloat16Quirk(u, null)).isSameAs(u);
    }
}
