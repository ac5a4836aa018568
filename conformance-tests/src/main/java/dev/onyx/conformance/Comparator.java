package dev.onyx.conformance;

import dev.onyx.tensor.DType;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.Arrays;

/** Compares an actual output tensor with the expected one under a {@link Tolerance}. */
public final class Comparator {
    private Comparator() {}

    /**
     * The outcome of comparing one output.
     *
     * @param output     the output's name
     * @param ok         whether it matches
     * @param problem    a dtype, shape or missing-value problem (null when the elements were compared)
     * @param mismatches how many elements are out of tolerance
     * @param worstIndex flat (row-major) index of the element furthest out of tolerance, -1 when none
     * @param expected   the expected value at worstIndex (as text)
     * @param actual     the actual value at worstIndex (as text)
     * @param maxAbs     largest |actual - expected| over all elements (floating types; infinite for NaN/inf mismatch)
     * @param maxRel     largest |actual - expected| / |expected| over all elements (infinite when expected is 0)
     */
    public record Result(String output, boolean ok, String problem, int mismatches, int worstIndex,
                         String expected, String actual, double maxAbs, double maxRel) {
        /** One line saying what differs; "ok" when nothing does. */
        public String message() {
            if (problem != null) return "output '" + output + "': " + problem;
            if (ok) return "output '" + output + "': ok (max abs " + fmt(maxAbs) + ", max rel " + fmt(maxRel) + ")";
            return "output '" + output + "': " + mismatches + " element(s) differ; worst at flat index " + worstIndex
                    + ": expected " + expected + ", actual " + actual + "; max abs error " + fmt(maxAbs)
                    + ", max rel error " + fmt(maxRel);
        }

        static Result problem(String output, String problem) {
            return new Result(output, false, problem, 0, -1, null, null, Double.NaN, Double.NaN);
        }
    }

    /** Compares {@code actual} with {@code expected}; {@code actual} may be null (the run did not produce it). */
    public static Result compare(String output, Tensor expected, Tensor actual, Tolerance tol) {
        if (actual == null) return Result.problem(output, "not produced");
        // ONNX 1.12's test data stores bfloat16 outputs as uint16 (data_type 4) holding the bfloat16 bits
        // (test_cast_FLOAT_to_BFLOAT16, test_castlike_*BFLOAT16*): compare such a pair by bits.
        if (expected.dtype() == DType.UINT16 && actual.dtype() == DType.BFLOAT16) {
            expected = Tensor.wrap(DType.BFLOAT16, expected.shape(), expected.shorts());
        }
        if (expected.dtype() != actual.dtype()) {
            return Result.problem(output, "dtype differs: expected " + expected.dtype() + " " + Shapes.toString(expected.shape())
                    + ", actual " + actual.dtype() + " " + Shapes.toString(actual.shape()));
        }
        if (!Arrays.equals(expected.shape(), actual.shape())) {
            return Result.problem(output, "shape differs: expected " + Shapes.toString(expected.shape())
                    + ", actual " + Shapes.toString(actual.shape()));
        }
        DType t = expected.dtype();
        if (t == DType.STRING) return compareStrings(output, expected.strings(), actual.strings());
        if (t.isIntegral()) return compareExact(output, expected, actual);
        return compareFloats(output, expected, actual, tol);
    }

    private static Result compareFloats(String output, Tensor e, Tensor a, Tolerance tol) {
        int n = e.size();
        int mismatches = 0, worst = -1;
        double worstExcess = Double.NEGATIVE_INFINITY, maxAbs = 0, maxRel = 0;
        for (int i = 0; i < n; i++) {
            double ev = e.getDouble(i), av = a.getDouble(i);
            boolean close = tol.close(ev, av);
            double abs = absError(ev, av);
            double rel = abs == 0 ? 0 : abs / Math.abs(ev);
            maxAbs = Math.max(maxAbs, abs);
            maxRel = Math.max(maxRel, rel);
            if (!close) {
                mismatches++;
                double excess = Double.isInfinite(abs) ? Double.POSITIVE_INFINITY : abs - (tol.atol() + tol.rtol() * Math.abs(ev));
                if (worst < 0 || excess > worstExcess) {
                    worst = i;
                    worstExcess = excess;
                }
            }
        }
        return new Result(output, mismatches == 0, null, mismatches, worst,
                worst < 0 ? null : value(e, worst), worst < 0 ? null : value(a, worst), maxAbs, maxRel);
    }

    /** |a - e|, 0 when both are NaN or the same infinity, infinite when only one is NaN or infinite. */
    static double absError(double e, double a) {
        if (Double.isNaN(e) || Double.isNaN(a)) return Double.isNaN(e) && Double.isNaN(a) ? 0 : Double.POSITIVE_INFINITY;
        if (e == a) return 0;
        return Math.abs(a - e);
    }

    private static Result compareExact(String output, Tensor e, Tensor a) {
        int n = e.size();
        int mismatches = 0, worst = -1;
        double maxAbs = 0, maxRel = 0;
        boolean unsigned64 = e.dtype() == DType.UINT64;
        for (int i = 0; i < n; i++) {
            long ev = e.getLong(i), av = a.getLong(i);
            if (ev != av) {
                mismatches++;
                double ed = unsigned64 ? Tensor.unsignedLongToDouble(ev) : ev;
                double ad = unsigned64 ? Tensor.unsignedLongToDouble(av) : av;
                double abs = Math.abs(ad - ed);
                if (worst < 0 || abs > maxAbs) worst = i;
                maxAbs = Math.max(maxAbs, abs);
                maxRel = Math.max(maxRel, ed == 0 ? Double.POSITIVE_INFINITY : abs / Math.abs(ed));
            }
        }
        return new Result(output, mismatches == 0, null, mismatches, worst,
                worst < 0 ? null : value(e, worst), worst < 0 ? null : value(a, worst), maxAbs, maxRel);
    }

    private static Result compareStrings(String output, String[] e, String[] a) {
        int mismatches = 0, worst = -1;
        for (int i = 0; i < e.length; i++) {
            if (!e[i].equals(a[i])) {
                mismatches++;
                if (worst < 0) worst = i;
            }
        }
        return new Result(output, mismatches == 0, null, mismatches, worst,
                worst < 0 ? null : quote(e[worst]), worst < 0 ? null : quote(a[worst]), Double.NaN, Double.NaN);
    }

    /** Element i as text: integers exactly, floats with enough digits to tell them apart. */
    static String value(Tensor t, int i) {
        DType d = t.dtype();
        if (d == DType.UINT64) return Long.toUnsignedString(t.getLong(i));
        if (d == DType.BOOL) return t.getLong(i) != 0 ? "true" : "false";
        if (d.isInteger()) return Long.toString(t.getLong(i));
        if (d == DType.DOUBLE) return Double.toString(t.getDouble(i));
        return Float.toString((float) t.getDouble(i));
    }

    private static String quote(String s) { return "\"" + s + "\""; }

    static String fmt(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v) || v == 0) return String.valueOf(v);
        return String.format(java.util.Locale.ROOT, "%.3g", v);
    }
}
