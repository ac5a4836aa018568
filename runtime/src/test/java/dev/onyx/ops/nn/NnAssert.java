package dev.onyx.ops.nn;

import dev.onyx.tensor.Tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Tensor comparison for nn tests: same type and shape, values within atol + rtol * |expected| (integers exact). */
final class NnAssert {
    private NnAssert() {}

    static void close(Tensor got, Tensor want, double rtol, double atol) {
        assertThat(got.dtype()).isEqualTo(want.dtype());
        assertThat(got.shape()).isEqualTo(want.shape());
        for (int i = 0; i < want.size(); i++) {
            if (want.dtype().isIntegral()) {
                if (got.getLong(i) != want.getLong(i)) {
                    fail("element " + i + ": expected " + want.getLong(i) + ", got " + got.getLong(i));
                }
                continue;
            }
            double a = got.getDouble(i), b = want.getDouble(i);
            if (Double.isNaN(b) ? !Double.isNaN(a) : !(Math.abs(a - b) <= atol + rtol * Math.abs(b)) && a != b) {
                fail("element " + i + " of " + want.size() + ": expected " + b + ", got " + a);
            }
        }
    }

    static void close(Tensor got, float[] want, int... shape) {
        close(got, Tensor.of(want, shape), 1e-5, 1e-6);
    }
}
