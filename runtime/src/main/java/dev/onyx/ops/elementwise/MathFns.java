package dev.onyx.ops.elementwise;

import dev.onyx.kernel.UnaryMath;

/** The unary math functions without attributes: Abs, Neg, Exp, Log, Sqrt, trig, Erf... */
final class MathFns {
    private MathFns() {}

    static final UnaryFn ABS = new UnaryFn("Abs", null, Math::abs, Math::abs,
            t -> t.isUnsigned() ? x -> x : Math::abs);
    static final UnaryFn NEG = new UnaryFn("Neg", null, x -> -x, x -> -x, t -> t.isUnsigned() ? null : x -> -x);
    static final UnaryFn SIGN = new UnaryFn("Sign", null, Math::signum, Math::signum,
            t -> t.isUnsigned() ? x -> x != 0 ? 1 : 0 : x -> Long.signum(x));
    static final UnaryFn BITWISE_NOT = new UnaryFn("BitwiseNot", null, null, null, t -> x -> ~x);
    static final UnaryFn EXP = UnaryFn.real("Exp", Math::exp);
    static final UnaryFn LOG = UnaryFn.real("Log", Math::log);
    static final UnaryFn SQRT = UnaryFn.real("Sqrt", Math::sqrt);
    static final UnaryFn RECIPROCAL = UnaryFn.real("Reciprocal", x -> 1f / x, x -> 1 / x);
    static final UnaryFn FLOOR = UnaryFn.real("Floor", Math::floor);
    static final UnaryFn CEIL = UnaryFn.real("Ceil", Math::ceil);
    /** Round half to even. */
    static final UnaryFn ROUND = UnaryFn.real("Round", Math::rint);
    static final UnaryFn ERF = UnaryFn.real("Erf", UnaryMath::erfFast, UnaryMath::erf);
    static final UnaryFn SIN = UnaryFn.real("Sin", Math::sin);
    static final UnaryFn COS = UnaryFn.real("Cos", Math::cos);
    static final UnaryFn TAN = UnaryFn.real("Tan", Math::tan);
    static final UnaryFn ASIN = UnaryFn.real("Asin", Math::asin);
    static final UnaryFn ACOS = UnaryFn.real("Acos", Math::acos);
    static final UnaryFn ATAN = UnaryFn.real("Atan", Math::atan);
    static final UnaryFn SINH = UnaryFn.real("Sinh", Math::sinh);
    static final UnaryFn COSH = UnaryFn.real("Cosh", Math::cosh);
    static final UnaryFn ASINH = UnaryFn.real("Asinh", MathFns::asinh);
    static final UnaryFn ACOSH = UnaryFn.real("Acosh", x -> StrictMath.log(x + Math.sqrt(x * x - 1)));
    static final UnaryFn ATANH = UnaryFn.real("Atanh", x -> 0.5 * StrictMath.log1p(2 * x / (1 - x)));

    static double asinh(double x) {
        double a = Math.abs(x);
        double r = a > 1e8 ? StrictMath.log(a) + StrictMath.log(2) : StrictMath.log1p(a + a * a / (1 + Math.sqrt(1 + a * a)));
        return Math.copySign(r, x);
    }
}
