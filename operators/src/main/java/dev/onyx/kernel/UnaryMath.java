package dev.onyx.kernel;

/** Scalar math functions the JDK lacks: erf (double precision and a float32-accurate fast form), softplus. */
public final class UnaryMath {
    private UnaryMath() {}

    private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;

    /** The error function to about 1e-15 relative error. */
    public static double erf(double x) {
        if (Double.isNaN(x)) return x;
        double ax = Math.abs(x);
        if (ax >= 6) return Math.copySign(1.0, x);
        if (ax < 3) {
            // erf(x) = 2/sqrt(pi) * exp(-x^2) * sum_n (2x^2)^n x / (1*3*...*(2n+1)), all terms positive
            double x2 = 2 * ax * ax;
            double term = ax;
            double sum = ax;
            for (int n = 1; n < 200; n++) {
                term *= x2 / (2 * n + 1);
                sum += term;
                if (term < sum * 1e-17) break;
            }
            return Math.copySign(TWO_OVER_SQRT_PI * StrictMath.exp(-ax * ax) * sum, x);
        }
        return Math.copySign(1.0 - erfcLarge(ax), x);
    }

    /** erfc(x) for x &gt;= 3 by its continued fraction (modified Lentz). */
    private static double erfcLarge(double x) {
        // erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...)))))
        double tiny = 1e-300;
        double f = x;
        double c = x;
        double d = 0;
        for (int k = 1; k < 200; k++) {
            double a = k * 0.5;
            d = x + a * d;
            if (d == 0) d = tiny;
            c = x + a / c;
            if (c == 0) c = tiny;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) break;
        }
        return StrictMath.exp(-x * x) / Math.sqrt(Math.PI) / f;
    }

    /** erf with about 1e-7 relative error: a Taylor series near 0, else 1 - erfc by a Chebyshev fit. */
    public static float erfFast(float xf) {
        double x = xf;
        double ax = Math.abs(x);
        if (ax < 0.5) {
            double x2 = x * x;
            // 2/sqrt(pi) * (x - x^3/3 + x^5/10 - x^7/42 + x^9/216 - x^11/1320 + x^13/9360)
            double p = 1 + x2 * (-1.0 / 3 + x2 * (1.0 / 10 + x2 * (-1.0 / 42 + x2 * (1.0 / 216
                    + x2 * (-1.0 / 1320 + x2 * (1.0 / 9360))))));
            return (float) (TWO_OVER_SQRT_PI * x * p);
        }
        if (ax >= 6 || Double.isNaN(x)) return Double.isNaN(x) ? xf : Math.copySign(1f, xf);
        double t = 1.0 / (1.0 + 0.5 * ax);
        double erfc = t * StrictMath.exp(-ax * ax - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return (float) Math.copySign(1.0 - erfc, x);
    }

    /** log(1 + exp(x)) without overflow. */
    public static double softplus(double x) {
        return x > 0 ? x + StrictMath.log1p(StrictMath.exp(-x)) : StrictMath.log1p(StrictMath.exp(x));
    }
}
