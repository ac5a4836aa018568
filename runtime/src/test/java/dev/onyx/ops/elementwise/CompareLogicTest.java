package dev.onyx.ops.elementwise;

import dev.onyx.ir.Attribute;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.onyx.ops.elementwise.Ops.fvec;
import static dev.onyx.ops.elementwise.Ops.run;
import static dev.onyx.ops.elementwise.Ops.vec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompareLogicTest {
    @Test
    void comparisonsWithNaNAreFalse() {
        Tensor a = fvec(1, 2, Float.NaN);
        Tensor b = fvec(2, 2, Float.NaN);
        assertThat(run("Equal", a, b).booleans()).containsExactly(false, true, false);
        assertThat(run("Less", a, b).booleans()).containsExactly(true, false, false);
        assertThat(run("LessOrEqual", a, b).booleans()).containsExactly(true, true, false);
        assertThat(run("Greater", a, b).booleans()).containsExactly(false, false, false);
        assertThat(run("GreaterOrEqual", a, b).booleans()).containsExactly(false, true, false);
    }

    @Test
    void unsigned64ComparesUnsigned() {
        assertThat(run("Greater", vec(DType.UINT64, -1L), vec(DType.UINT64, 1)).booleans()).containsExactly(true);
        assertThat(run("Greater", vec(DType.INT64, -1L), vec(DType.INT64, 1)).booleans()).containsExactly(false);
        assertThat(run("Less", vec(DType.UINT8, 200), vec(DType.UINT8, 100)).booleans()).containsExactly(false);
    }

    @Test
    void equalOnStringsAndBools() {
        Tensor s = Tensor.of(new String[] {"a", "b", "c", "a"}, 2, 2);
        Tensor t = Tensor.of(new String[] {"a", "b"}, 2);
        assertThat(run("Equal", s, t).booleans()).containsExactly(true, true, false, false);
        assertThat(run("Equal", Tensor.of(new boolean[] {true, false}, 2), Tensor.of(new boolean[] {true}, 1)).booleans())
                .containsExactly(true, false);
        assertThatThrownBy(() -> run("Less", s, t)).hasMessageContaining("string");
    }

    @Test
    void logicOpsBroadcast() {
        Tensor a = Tensor.of(new boolean[] {true, false, true, false}, 2, 2);
        Tensor b = Tensor.of(new boolean[] {true, false}, 2, 1);
        assertThat(run("And", a, b).booleans()).containsExactly(true, false, false, false);
        assertThat(run("Or", a, b).booleans()).containsExactly(true, true, true, false);
        assertThat(run("Xor", a, b).booleans()).containsExactly(false, true, true, false);
        assertThat(run("Not", b).booleans()).containsExactly(false, true);
        // opset 1 broadcast with axis 0
        List<Attribute> attrs = List.of(Attribute.ofInt("broadcast", 1), Attribute.ofInt("axis", 0));
        assertThat(run("And", 1, attrs, a, Tensor.of(new boolean[] {true, false}, 2)).booleans())
                .containsExactly(true, false, false, false);
        assertThat(run("Equal", 1, attrs, vec(DType.INT32, 1, 2, 3, 4).reshape(2, 2), vec(DType.INT32, 1, 4)).booleans())
                .containsExactly(true, false, false, true);
        assertThatThrownBy(() -> run("And", vec(DType.INT32, 1), vec(DType.INT32, 1))).hasMessageContaining("int32");
    }

    @Test
    void whereBroadcastsThreeWays() {
        Tensor c = Tensor.of(new boolean[] {true, false}, 2, 1);
        Tensor x = Tensor.of(new String[] {"x0", "x1", "x2"}, 3);
        Tensor y = Tensor.of(new String[] {"y"}, 1);
        Tensor r = run("Where", c, x, y);
        assertThat(r.shape()).containsExactly(2, 3);
        assertThat(r.strings()).containsExactly("x0", "x1", "x2", "y", "y", "y");
        Tensor ri = run("Where", Tensor.of(new boolean[] {true, false, true}, 3), vec(DType.INT16, 1, 2, 3), vec(DType.INT16, -1));
        assertThat(ri.shorts()).containsExactly((short) 1, (short) -1, (short) 3);
        assertThatThrownBy(() -> run("Where", fvec(1), fvec(1), fvec(1))).hasMessageContaining("condition must be bool");
    }
}
