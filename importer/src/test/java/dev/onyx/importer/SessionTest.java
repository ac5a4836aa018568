package dev.onyx.importer;

import dev.onyx.Onnx;
import dev.onyx.Session;
import dev.onyx.ir.Dim;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Loading from every source, metadata, and the checks made on run inputs. */
class SessionTest {
    @TempDir
    Path dir;

    private static byte[] model() {
        return ModelBuilder.create()
                .input("x", DType.FLOAT, "batch", 3)
                .input("y", DType.INT64, "batch")
                .output("x_out", DType.FLOAT, "batch", 3)
                .output("y_out", DType.INT64, "batch")
                .node("Identity", List.of("x"), List.of("x_out"))
                .node("Identity", List.of("y"), List.of("y_out"))
                .bytes();
    }

    private static Map<String, Tensor> inputs(int batch) {
        return Map.of("x", Tensor.of(new float[batch * 3], batch, 3), "y", Tensor.of(new long[batch], batch));
    }

    @Test
    void loadsFromPathBytesAndStream() throws Exception {
        Path f = dir.resolve("m.onnx");
        Files.write(f, model());
        for (Session s : List.of(Onnx.load(f), Onnx.load(model()), Onnx.load(new ByteArrayInputStream(model())))) {
            try (s) {
                Map<String, Tensor> out = s.run(inputs(2));
                assertThat(out).containsOnlyKeys("x_out", "y_out");
                assertThat(out.get("x_out").shape()).containsExactly(2, 3);
            }
        }
    }

    @Test
    void metadataKeepsSymbolicDims() {
        try (Session s = Onnx.load(model())) {
            assertThat(s.inputs()).hasSize(2);
            assertThat(s.inputs().get(0).fact().dims()).containsExactly(Dim.symbol("batch"), Dim.of(3));
            assertThat(s.inputs().get(0).fact().describe()).isEqualTo("float32 [batch,3]");
            assertThat(s.outputs().get(1).fact().dtype()).isEqualTo(DType.INT64);
            assertThat(s.model().defaultOpset()).isEqualTo(17);
        }
    }

    @Test
    void runsASubsetOfOutputs() {
        try (Session s = Onnx.load(model())) {
            assertThat(s.run(inputs(1), List.of("y_out"))).containsOnlyKeys("y_out");
        }
    }

    @Test
    void unknownInput() {
        try (Session s = Onnx.load(model())) {
            assertThatThrownBy(() -> s.run(Map.of("z", Tensor.of(new float[3], 1, 3))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("unknown input 'z', expected one of [x, y]");
        }
    }

    @Test
    void missingInput() {
        try (Session s = Onnx.load(model())) {
            assertThatThrownBy(() -> s.run(Map.of("x", Tensor.of(new float[3], 1, 3))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("missing input 'y' (int64 [batch]); given [x]");
        }
    }

    @Test
    void wrongDtype() {
        try (Session s = Onnx.load(model())) {
            assertThatThrownBy(() -> s.run(Map.of("x", Tensor.of(new double[3], 1, 3), "y", Tensor.of(new long[1], 1))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("input 'x': expected float32 [batch,3], got float64 [1,3] (wrong dtype)");
        }
    }

    @Test
    void wrongRank() {
        try (Session s = Onnx.load(model())) {
            assertThatThrownBy(() -> s.run(Map.of("x", Tensor.of(new float[3], 3), "y", Tensor.of(new long[1], 1))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("input 'x': expected float32 [batch,3], got float32 [3] (wrong rank)");
        }
    }

    @Test
    void wrongStaticDimension() {
        try (Session s = Onnx.load(model())) {
            assertThatThrownBy(() -> s.run(Map.of("x", Tensor.of(new float[4], 1, 4), "y", Tensor.of(new long[1], 1))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("input 'x': expected float32 [batch,3], got float32 [1,4] (dimension 1)");
        }
    }

    @Test
    void symbolicDimensionMustBindConsistently() {
        try (Session s = Onnx.load(model())) {
            assertThatThrownBy(() -> s.run(Map.of("x", Tensor.of(new float[6], 2, 3), "y", Tensor.of(new long[3], 3))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("('batch') is")
                    .hasMessageContaining("binds 'batch' to");
        }
    }

    @Test
    void closedSessionRefusesToRun() {
        Session s = Onnx.load(model());
        s.close();
        assertThatThrownBy(() -> s.run(inputs(1))).isInstanceOf(IllegalStateException.class)
                .hasMessage("<bytes>: the session is closed");
    }

    @Test
    void constantNodeForms() {
        byte[] m = ModelBuilder.create()
                .output("a", DType.FLOAT).output("b", DType.INT64, 3).output("c", DType.FLOAT, 2)
                .node("Constant", List.of(), List.of("a"), ModelBuilder.floatAttr("value_float", 2.5f))
                .node("Constant", List.of(), List.of("b"), ModelBuilder.intsAttr("value_ints", 4, 5, 6))
                .node("Constant", List.of(), List.of("c"), ModelBuilder.tensorAttr("value", Tensor.of(new float[] {1, 2}, 2)))
                .bytes();
        try (Session s = Onnx.load(m)) {
            Map<String, Tensor> out = s.run(Map.of());
            assertThat(out.get("a").floats()).containsExactly(2.5f);
            assertThat(out.get("b").longs()).containsExactly(4, 5, 6);
            assertThat(out.get("c").floats()).containsExactly(1, 2);
        }
    }
}
