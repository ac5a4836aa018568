package dev.onyx.ops.elementwise;

import dev.onyx.UnsupportedModelException;
import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * Cast (target from the {@code to} attribute: a type name before opset 6, a type number after) and
 * CastLike (target from the second input's type). Floats to integers truncate toward zero (NaN gives 0,
 * out-of-range values the x86 "integer indefinite" as numpy does), integers wrap as in C, strings
 * parse and print as numpy does; {@code saturate} only concerns float8
 * types, which Onyx lacks, and is ignored.
 */
final class CastOp implements Op {
    /** The target type, or null for CastLike. */
    private final DType to;

    private CastOp(DType to) {
        this.to = to;
    }

    static Op cast(NodeContext ctx) {
        ctx.expectInputs(1, 1);
        DType to;
        if (ctx.opset() < 6 && ctx.attrs().has("to") && ctx.attrs().get("to").value() instanceof String s) {
            to = byName(ctx, s);
        } else {
            long code = ctx.attrs().requireInt("to");
            to = DType.fromOnnx((int) code);
            if (to == null || code != (int) code) {
                throw new UnsupportedModelException("Cast to " + DType.onnxName((int) code) + " is not supported");
            }
        }
        return new CastOp(to);
    }

    static Op castLike(NodeContext ctx) {
        ctx.expectInputs(2, 2);
        return new CastOp(null);
    }

    private static DType byName(NodeContext ctx, String name) {
        String n = name.toUpperCase(Locale.ROOT);
        for (DType t : DType.values()) {
            if (t.name().equals(n)) return t;
        }
        throw ctx.invalid("attribute 'to': unknown type '" + name + "'");
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        DType target = to != null ? to : inputs.get(1).dtype();
        return Facts.like(inputs.get(0), target);
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        DType target = to != null ? to : inputs.get(1).dtype();
        return List.of(convert(inputs.get(0), target));
    }

    /** Converts every element of x to the target type. */
    static Tensor convert(Tensor x, DType target) {
        DType src = x.dtype();
        if (src == target) return x;
        int n = x.size();
        int[] shape = x.shape();
        if (target == DType.STRING) {
            String[] out = new String[n];
            for (int i = 0; i < n; i++) out[i] = toText(x, i);
            return Tensor.wrap(DType.STRING, shape, out);
        }
        if (src == DType.STRING) {
            String[] in = (String[]) x.storage();
            if (target.isFloatingPoint()) {
                double[] d = new double[n];
                for (int i = 0; i < n; i++) d[i] = parseReal(in[i]);
                return fromReal(target, shape, d);
            }
            long[] l = new long[n];
            for (int i = 0; i < n; i++) l[i] = parseInteger(in[i], target);
            return Num.fromLongs(target, shape, l);
        }
        if (target.isFloatingPoint()) {
            if (src.isIntegral()) {
                long[] l = Num.longs(x);
                if (target == DType.FLOAT && src != DType.UINT64) {
                    float[] f = new float[n];
                    for (int i = 0; i < n; i++) f[i] = (float) l[i];
                    return Tensor.wrap(DType.FLOAT, shape, f);
                }
            }
            if (target != DType.DOUBLE && Num.isFloatWork(src)) return Num.fromFloats(target, shape, Num.floats(x));
            return fromReal(target, shape, Num.doubles(x));
        }
        // integer or bool target
        long[] l;
        if (src.isIntegral()) {
            l = Num.longs(x);
        } else {
            double[] d = Num.doubles(x);
            l = new long[n];
            if (target == DType.BOOL) {
                for (int i = 0; i < n; i++) l[i] = d[i] != 0 ? 1 : 0;
            } else if (target == DType.INT32 || target.byteSize() < 4) {
                for (int i = 0; i < n; i++) l[i] = truncate32(d[i]);
            } else {
                for (int i = 0; i < n; i++) l[i] = truncate(d[i]);
            }
        }
        return Num.fromLongs(target, shape, l);
    }

    private static Tensor fromReal(DType target, int[] shape, double[] d) {
        if (target == DType.DOUBLE) return Tensor.wrap(DType.DOUBLE, shape, d);
        float[] f = new float[d.length];
        if (target == DType.FLOAT) {
            for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
        } else {
            for (int i = 0; i < d.length; i++) f[i] = roundToOdd(d[i]);
        }
        return Num.fromFloats(target, shape, f);
    }

    /**
     * d as a float rounded to odd: inexact results get their lowest mantissa bit set, so that a second
     * rounding to a 16-bit float gives the correctly rounded result of d (no double rounding).
     */
    static float roundToOdd(double d) {
        float f = (float) d;
        if ((double) f == d || Float.isInfinite(f) || Double.isNaN(d)) return f;
        if (Math.abs((double) f) > Math.abs(d)) f = Math.nextAfter(f, 0.0);
        return Float.intBitsToFloat(Float.floatToRawIntBits(f) | 1);
    }

    /**
     * Truncation toward zero through 64 bits; NaN gives 0; values in [2^63, 2^64) keep their uint64 bits;
     * other out-of-range values give Long.MIN_VALUE (the x86 "integer indefinite", as numpy and C do).
     */
    static long truncate(double v) {
        if (Double.isNaN(v)) return 0;
        if (v >= 9.223372036854775807E18) {
            return v < 1.8446744073709552E19 ? (long) (v - 9.223372036854775807E18) + Long.MIN_VALUE : Long.MIN_VALUE;
        }
        if (v < -9.223372036854775807E18) return Long.MIN_VALUE;
        return (long) v;
    }

    /** Truncation through 32 bits for int32 and narrower targets; out of int32 range gives Integer.MIN_VALUE. */
    static long truncate32(double v) {
        if (Double.isNaN(v)) return 0;
        if (v >= 2147483648.0 || v <= -2147483649.0) return Integer.MIN_VALUE;
        return (long) v;
    }

    private static double parseReal(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "nan", "+nan", "-nan": return Double.NaN;
            case "inf", "+inf", "infinity", "+infinity": return Double.POSITIVE_INFINITY;
            case "-inf", "-infinity": return Double.NEGATIVE_INFINITY;
            case "true": return 1;
            case "false": return 0;
            default:
                try {
                    return Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("Cast: cannot parse '" + s + "' as a number");
                }
        }
    }

    private static long parseInteger(String s, DType target) {
        String t = s.trim();
        if (target == DType.BOOL) return parseReal(t) != 0 ? 1 : 0;
        try {
            if (target == DType.UINT64) return Long.parseUnsignedLong(t.startsWith("+") ? t.substring(1) : t);
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            return truncate(parseReal(t));
        }
    }

    private static String toText(Tensor x, int i) {
        return switch (x.dtype()) {
            case BOOL -> ((boolean[]) x.storage())[i] ? "True" : "False";
            case UINT64 -> Long.toUnsignedString(((long[]) x.storage())[i]);
            case DOUBLE -> formatReal(x.getDouble(i), false);
            case FLOAT -> formatReal(x.getDouble(i), true);
            case FLOAT16, BFLOAT16 -> formatReal(shortest16(x, i), false);
            default -> Long.toString(x.getLong(i));
        };
    }

    /** A 16-bit float element as the double of its shortest decimal that rounds back to the same bits. */
    private static double shortest16(Tensor x, int i) {
        short bits = ((short[]) x.storage())[i];
        double v = x.getDouble(i);
        if (Double.isNaN(v) || Double.isInfinite(v) || v == 0) return v;
        boolean half = x.dtype() == DType.FLOAT16;
        BigDecimal exact = new BigDecimal(v);
        for (int digits = 1; digits < 12; digits++) {
            double c = exact.round(new java.math.MathContext(digits)).doubleValue();
            short back = half ? Float.floatToFloat16((float) c) : Tensor.floatToBfloat16((float) c);
            if (back == bits) return c;
        }
        return v;
    }

    /** The shortest round-tripping decimal, positional for exponents -4..15, else like 1.5e+20 (numpy style). */
    static String formatReal(double v, boolean single) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (v == 0) return (1 / v < 0) ? "-0.0" : "0.0";
        BigDecimal bd = new BigDecimal(single ? Float.toString((float) v) : Double.toString(v)).stripTrailingZeros();
        int exp = bd.precision() - bd.scale() - 1;
        if (exp < -4 || exp >= 16) {
            String digits = bd.unscaledValue().abs().toString();
            String m = digits.length() > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
            String e = Integer.toString(Math.abs(exp));
            return (bd.signum() < 0 ? "-" : "") + m + "e" + (exp < 0 ? "-" : "+") + (e.length() < 2 ? "0" + e : e);
        }
        String plain = bd.toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }
}
