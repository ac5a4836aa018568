package dev.onyx.ops.linalg;

import dev.onyx.InvalidModelException;
import dev.onyx.ir.Attributes;
import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.onyx.ops.linalg.LinalgTestSupport.infer;
import static dev.onyx.ops.linalg.LinalgTestSupport.op;
import static dev.onyx.ops.linalg.LinalgTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MatMulIntegerTest {
    static Tensor u8(int[] v, int... shape) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) b[i] = (byte) v[i];
        return Tensor.ofBytes(DType.UINT8, b, shape);
    }

    static Tensor i8(int[] v, int... shape) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) b[i] = (byte) v[i];
        return Tensor.ofBytes(DType.INT8, b, shape);
    }

    @Test
    void perRowAndPerColumnZeroPoints() {
        Op op = op("MatMulInteger", 10, 4, Attributes.EMPTY);
        // A = [[200, 201], [10, 12]] - [200, 10] per row = [[0,1],[0,2]]
        // B = [[3, 250], [4, 255]] - [1, 250] per column = [[2,0],[3,5]]
        Tensor y = run(op, u8(new int[] {200, 201, 10, 12}, 2, 2), u8(new int[] {3, 250, 4, 255}, 2, 2),
                u8(new int[] {200, 10}, 2), u8(new int[] {1, 250}, 2));
        assertThat(y.dtype()).isEqualTo(DType.INT32);
        assertThat(y.ints()).containsExactly(3, 5, 6, 10);
        // N-D forms [M,1] and [1,N]
        Tensor z = run(op, u8(new int[] {200, 201, 10, 12}, 2, 2), u8(new int[] {3, 250, 4, 255}, 2, 2),
                u8(new int[] {200, 10}, 2, 1), u8(new int[] {1, 250}, 1, 2));
        assertThat(z.ints()).containsExactly(3, 5, 6, 10);
    }

    @Test
    void signedOperandsWithoutZeroPointsAndBatched() {
        Op op = op("MatMulInteger", 10, 2, Attributes.EMPTY);
        Tensor y = run(op, i8(new int[] {-128, 127, 1, -1}, 2, 1, 2), i8(new int[] {-128, 2, -128, 3}, 2, 2));
        // batch 0: [-128,127] x [[-128,2],[-128,3]] = [16384-16256, -256+381] = [128, 125]
        // batch 1: [1,-1] -> [0, -1]
        assertThat(y.shape()).containsExactly(2, 1, 2);
        assertThat(y.ints()).containsExactly(128, 125, 0, -1);
        Op mixed = op("MatMulInteger", 10, 4, Attributes.EMPTY);
        Tensor m = run(mixed, u8(new int[] {255}, 1, 1), i8(new int[] {-1}, 1, 1), u8(new int[] {5}), i8(new int[] {1}));
        assertThat(m.ints()).containsExactly(-500);
    }

    @Test
    void errorsAndInference() {
        Op op = op("MatMulInteger", 10, 4, Attributes.EMPTY);
        assertThatThrownBy(() -> run(op, u8(new int[] {1, 2}, 1, 2), u8(new int[] {1, 2}, 2, 1), i8(new int[] {0}), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a_zero_point has type int8 but its input has type uint8");
        assertThatThrownBy(() -> run(op, u8(new int[] {1, 2}, 1, 2), u8(new int[] {1, 2}, 2, 1), u8(new int[] {0, 0, 0}, 3), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a_zero_point");
        assertThat(infer(op, Fact.of(DType.UINT8, List.of(Dim.symbol("n"), Dim.of(4))), Fact.of(DType.INT8, 4, 7), null, null))
                .isEqualTo(Fact.of(DType.INT32, List.of(Dim.symbol("n"), Dim.of(7))));
        assertThatThrownBy(() -> infer(op, Fact.of(DType.FLOAT, 2, 4), Fact.of(DType.INT8, 4, 7), null, null))
                .isInstanceOf(InvalidModelException.class);
        assertThat(new dev.onyx.ops.OpRegistry().find("", "MatMulInteger", 9)).isNull();
    }
}
