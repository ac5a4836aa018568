package dev.onyx.ops.misc;

import dev.onyx.ir.Attribute;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static dev.onyx.ops.misc.Harness.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TensorOpsTest {
    @Test
    void tensorScatterLinearAndCircular() {
        Tensor cache = Tensor.of(new float[] {0, 0, 0, 0, 0, 0, 0, 0}, 2, 4);
        Tensor update = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
        Op lin = op("TensorScatter", 24, 3, Attribute.ofInt("axis", -1));
        assertThat(run1(lin, cache, update, Tensor.of(new long[] {1, 2}, 2)).floats()).containsExactly(0, 1, 2, 0, 0, 0, 3, 4);
        assertThatThrownBy(() -> run1(lin, cache, update, Tensor.of(new long[] {3, 0}, 2))).hasMessageContaining("exceeds");
        Op circ = op("TensorScatter", 24, 3, Attribute.ofInt("axis", 1), Attribute.ofString("mode", "circular"));
        assertThat(run1(circ, cache, update, Tensor.of(new long[] {3, 0}, 2)).floats()).containsExactly(2, 0, 0, 1, 3, 4, 0, 0);
        // no write_indices: from 0
        assertThat(run1(lin, cache, update, null).floats()).containsExactly(1, 2, 0, 0, 3, 4, 0, 0);
        // the input is not changed
        assertThat(cache.floats()).containsOnly(0f);
    }

    @Test
    void bitCastReinterpretsBits() {
        Tensor y = run1(op("BitCast", 26, 1, Attribute.ofInt("to", 6)), Tensor.of(new float[] {1f, -2f}, 2));
        assertThat(y.dtype()).isEqualTo(DType.INT32);
        assertThat(y.ints()).containsExactly(0x3f800000, 0xc0000000);
        Tensor b = run1(op("BitCast", 26, 1, Attribute.ofInt("to", 2)), Tensor.of(new boolean[] {true, false}, 2));
        assertThat(b.bytes()).containsExactly(1, 0);
        Tensor h = run1(op("BitCast", 26, 1, Attribute.ofInt("to", 10)), Tensor.ofShorts(DType.INT16, new short[] {0x3c00}, 1));
        assertThat(h.getDouble(0)).isEqualTo(1.0);
        assertThatThrownBy(() -> run1(op("BitCast", 26, 1, Attribute.ofInt("to", 7)), Tensor.of(new float[] {1f}, 1)))
                .hasMessageContaining("cannot bit-cast float32");
    }
}
