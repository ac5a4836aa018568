package dev.onyx.bench;

/** Benchmarks check their own result before timing it. */
final class Check {
    private Check() {}

    static void close(String what, float[] expected, float[] actual, double rtol, double atol) {
        if (expected.length != actual.length) {
            throw new IllegalStateException(what + ": " + actual.length + " values, expected " + expected.length);
        }
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            if (!(Math.abs(a - e) <= atol + rtol * Math.abs(e))) {
                throw new IllegalStateException(what + ": element " + i + " is " + a + ", expected " + e);
            }
        }
    }
}
