package dev.onyx.cli;

import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SmallPartsTest {
    @Test
    void sanitizesFileNames() {
        assertThat(FileNames.sanitize("probabilities")).isEqualTo("probabilities");
        assertThat(FileNames.sanitize("out/0:y")).isEqualTo("out_0_y");
        assertThat(FileNames.sanitize("../../etc/passwd")).isEqualTo("_._.._etc_passwd");
        assertThat(FileNames.sanitize("..")).isEqualTo("output__");
        assertThat(FileNames.sanitize("")).isEqualTo("output");
        assertThat(FileNames.sanitize(".hidden")).isEqualTo("_hidden");
        assertThat(FileNames.sanitize("a b\\c")).isEqualTo("a_b_c");
        assertThat(FileNames.sanitize("x".repeat(500))).hasSize(120);
        Set<String> used = new HashSet<>();
        assertThat(FileNames.unique("a/b", used)).isEqualTo("a_b");
        assertThat(FileNames.unique("a:b", used)).isEqualTo("a_b_2");
        assertThat(FileNames.unique("A_B", used)).isEqualTo("A_B_3");
    }

    @Test
    void summarizesFloats() {
        TensorSummary s = TensorSummary.of(Tensor.of(new float[] {1f, Float.NaN, -2f, 4f}, 2, 2), 3);
        assertThat(s.min()).isEqualTo(-2);
        assertThat(s.max()).isEqualTo(4);
        assertThat(s.mean()).isEqualTo(1);
        assertThat(s.nanCount()).isEqualTo(1);
        assertThat(s.typeAndShape()).isEqualTo("float32 [2,2]");
        assertThat(s.valuesText(3)).isEqualTo("[1, NaN, -2, ...]");
        assertThat(s.statsText()).isEqualTo("min -2  max 4  mean 1  (1 NaN)");
        var j = s.toJson(3);
        assertThat(j.get("values").get(1).asText()).isEqualTo("NaN");
        assertThat(j.get("values_truncated").asBoolean()).isTrue();
    }

    @Test
    void summarizesOtherTypes() {
        assertThat(TensorSummary.of(Tensor.of(new boolean[] {true, false}, 2), 8).valuesText(8)).isEqualTo("[true, false]");
        assertThat(TensorSummary.of(Tensor.of(new String[] {"a"}, 1), 8).valuesText(8)).isEqualTo("[\"a\"]");
        assertThat(TensorSummary.of(Tensor.of(new String[] {"a"}, 1), 8).statsText()).isEmpty();
        assertThat(TensorSummary.of(Tensor.zeros(DType.FLOAT, 0), 8).statsText()).isEqualTo("empty");
        assertThat(TensorSummary.of(Tensor.of(new long[] {-1}, 1).castTo(DType.UINT64), 8).valuesText(8))
                .isEqualTo("[18446744073709551615]");
        assertThat(TensorSummary.num(0.123456789)).isEqualTo("0.123457");
        assertThat(TensorSummary.num(1.5e-9)).isEqualTo("1.500000e-09");
        assertThat(TensorSummary.num(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
    }

    @Test
    void randomInputsForEveryType() {
        RandomInputs r = new RandomInputs(1, 1 << 20);
        for (DType t : DType.values()) {
            var info = new dev.onyx.ir.ValueInfo("v", dev.onyx.ir.Fact.of(t, java.util.List.of(
                    dev.onyx.ir.Dim.symbol("n"), dev.onyx.ir.Dim.UNKNOWN, dev.onyx.ir.Dim.of(5))));
            Tensor x = r.make(info);
            assertThat(x.dtype()).isEqualTo(t);
            assertThat(x.shape()).containsExactly(1, 1, 5);
        }
        var huge = new dev.onyx.ir.ValueInfo("big", dev.onyx.ir.Fact.of(DType.FLOAT, 1 << 20, 1 << 20));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> r.make(huge)).hasMessageContaining("too large");
        var noRank = new dev.onyx.ir.ValueInfo("u", dev.onyx.ir.Fact.unknownShape(DType.FLOAT));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> r.make(noRank)).hasMessageContaining("--input u=FILE.pb");
    }
}
