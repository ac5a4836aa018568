package dev.onyx.ops.elementwise;

import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Tensor comparison for tests: exact for integers, bools and strings, rtol/atol for floats (NaN equals NaN). */
final class TensorAssert {
    private TensorAssert() {}

    static void close(Tensor actual, Tensor expected, double rtol, double atol) {
        assertThat(actual.dtype()).as("dtype").isEqualTo(expected.dtype());
        assertThat(actual.shape()).as("shape").isEqualTo(expected.shape());
        DType t = expected.dtype();
        if (t == DType.STRING) {
            assertThat(actual.strings()).isEqualTo(expected.strings());
            return;
        }
        for (int i = 0; i < expected.size(); i++) {
            if (t.isFloatingPoint()) {
                double a = actual.getDouble(i);
                double e = expected.getDouble(i);
                boolean ok = Double.isNaN(e) ? Double.isNaN(a)
                        : Double.isInfinite(e) ? a == e
                        : Math.abs(a - e) <= atol + rtol * Math.abs(e);
                if (!ok) fail("element " + i + ": expected " + e + ", got " + a + " (" + actual + " vs " + expected + ")");
            } else if (actual.getLong(i) != expected.getLong(i)) {
                fail("element " + i + ": expected " + expected.getLong(i) + ", got " + actual.getLong(i)
                        + " (" + actual + " vs " + expected + ")");
            }
        }
    }

    static String shape(Tensor t) { return Arrays.toString(t.shape()); }
}
