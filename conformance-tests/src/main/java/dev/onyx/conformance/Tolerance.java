package dev.onyx.conformance;

import java.util.List;

/**
 * How close a floating-point result must be: {@code |actual - expected| <= atol + rtol * |expected|}, NaN equal
 * to NaN, infinities equal only to the same infinity. Integer, bool and string outputs must match exactly, and
 * dtype and shape always must. The defaults are ONNX's backend-test ones; {@link #OVERRIDES} is the one table of
 * per-suite and per-case exceptions, shared by the tests, the conformance runner and the CLI.
 */
public record Tolerance(double rtol, double atol) {
    /** ONNX backend-test defaults. */
    public static final Tolerance DEFAULT = new Tolerance(1e-3, 1e-7);
    /** Real models (../shared/models): float32 error accumulates over hundreds of layers. */
    public static final Tolerance MODELS = new Tolerance(1e-3, 1e-4);

    public Tolerance {
        if (!(rtol >= 0) || !(atol >= 0)) throw new IllegalArgumentException("tolerances must be >= 0, got rtol " + rtol + " atol " + atol);
    }

    /** One exception to the defaults: suite and case name patterns ("*" wildcards), the tolerance and why. */
    public record Override(String suite, String name, Tolerance tolerance, String why) {
        boolean matches(String s, String n) { return glob(suite, s) && glob(name, n); }
    }

    /** First match wins. Keep each entry justified: a looser tolerance hides real bugs. */
    public static final List<Override> OVERRIDES = List.of(
            new Override("models", "*", MODELS, "real models: atol 1e-4 as the issue specifies (outputs were made by ORT, "
                    + "summation order differs over many layers)"),
            new Override("*", "test_dft_inverse*", new Tolerance(1e-3, 1e-5), "ONNX 1.23's expected inverse DFT was "
                    + "computed in float32: elements that are exactly 0 carry up to 2e-6 of rounding noise (values reach 54), "
                    + "which Onyx's double-precision transform does not reproduce"),
            new Override("onnx-1.12/node", "test_cast_FLOAT_to_BFLOAT16", new Tolerance(1.0 / 128, 0),
                    "ONNX 1.12 made the expected bfloat16 values by truncating float32 bits; the spec (and the 1.23 data) "
                            + "rounds to nearest even: results may be one bfloat16 ulp (2^-7 relative) apart"));

    /** The tolerance for one case. */
    public static Tolerance forCase(String suite, String name) {
        for (Override o : OVERRIDES) {
            if (o.matches(suite, name)) return o.tolerance();
        }
        return DEFAULT;
    }

    /** Whether a floating-point actual value is close enough to the expected one. */
    public boolean close(double expected, double actual) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) return Double.isNaN(expected) && Double.isNaN(actual);
        if (Double.isInfinite(expected) || Double.isInfinite(actual)) return expected == actual;
        return Math.abs(actual - expected) <= atol + rtol * Math.abs(expected);
    }

    @java.lang.Override
    public String toString() { return "rtol " + rtol + ", atol " + atol; }

    static boolean glob(String pattern, String s) {
        if (pattern.equals("*")) return true;
        if (!pattern.contains("*")) return pattern.equals(s);
        String regex = java.util.Arrays.stream(pattern.split("\\*", -1))
                .map(java.util.regex.Pattern::quote).reduce((a, b) -> a + ".*" + b).orElse("");
        return s.matches(regex);
    }
}
