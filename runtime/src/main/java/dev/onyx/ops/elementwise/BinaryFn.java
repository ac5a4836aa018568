package dev.onyx.ops.elementwise;

import dev.onyx.kernel.BinaryF32;
import dev.onyx.tensor.DType;

import java.util.function.DoubleBinaryOperator;
import java.util.function.Function;
import java.util.function.LongBinaryOperator;

/**
 * The arithmetic of one binary elementwise op: a dedicated float32 loop (or null), the floating
 * function (computed in double, null when float types are not allowed) and the integer function per
 * integer type (null when that type is not allowed; values arrive as {@link Num#longs} gives them).
 */
record BinaryFn(String name, BinaryF32.Op fast, DoubleBinaryOperator real,
                Function<DType, LongBinaryOperator> integer) {

    /** The integer function for a type, or null. */
    LongBinaryOperator integerFor(DType t) {
        return integer == null ? null : integer.apply(t);
    }

    static BinaryFn of(String name, BinaryF32.Op fast, DoubleBinaryOperator real, LongBinaryOperator signed,
                       LongBinaryOperator unsigned64) {
        return new BinaryFn(name, fast, real, signed == null ? null : t -> t == DType.UINT64 && unsigned64 != null ? unsigned64 : signed);
    }

    static final BinaryFn ADD = of("Add", BinaryF32.Op.ADD, Double::sum, Long::sum, null);
    static final BinaryFn SUB = of("Sub", BinaryF32.Op.SUB, (a, b) -> a - b, (a, b) -> a - b, null);
    static final BinaryFn MUL = of("Mul", BinaryF32.Op.MUL, (a, b) -> a * b, (a, b) -> a * b, null);
    static final BinaryFn DIV = of("Div", BinaryF32.Op.DIV, (a, b) -> a / b, BinaryFn::div, BinaryFn::divUnsigned);
    static final BinaryFn MAX = of("Max", BinaryF32.Op.MAX, Math::max, Math::max,
            (a, b) -> Long.compareUnsigned(a, b) >= 0 ? a : b);
    static final BinaryFn MIN = of("Min", BinaryF32.Op.MIN, Math::min, Math::min,
            (a, b) -> Long.compareUnsigned(a, b) <= 0 ? a : b);
    static final BinaryFn SUM = new BinaryFn("Sum", BinaryF32.Op.ADD, Double::sum, null);
    static final BinaryFn BITWISE_AND = of("BitwiseAnd", null, null, (a, b) -> a & b, null);
    static final BinaryFn BITWISE_OR = of("BitwiseOr", null, null, (a, b) -> a | b, null);
    static final BinaryFn BITWISE_XOR = of("BitwiseXor", null, null, (a, b) -> a ^ b, null);
    static final BinaryFn PRELU = of("PRelu", null, (x, s) -> x < 0 ? x * s : x, (x, s) -> x < 0 ? x * s : x, (x, s) -> x);

    /** Mod: fmod=1 keeps the dividend's sign (C fmod), fmod=0 the divisor's (Python %). */
    static BinaryFn mod(boolean fmod) {
        DoubleBinaryOperator real = fmod ? (a, b) -> a % b : (a, b) -> {
            double r = a % b;
            return r != 0 && (r < 0) != (b < 0) ? r + b : r;
        };
        LongBinaryOperator signed = fmod ? (a, b) -> {
            if (b == 0) throw zeroDivisor("Mod");
            return a % b;
        } : (a, b) -> {
            if (b == 0) throw zeroDivisor("Mod");
            long r = a % b;
            return r != 0 && (r < 0) != (b < 0) ? r + b : r;
        };
        return of("Mod", null, real, signed, (a, b) -> {
            if (b == 0) throw zeroDivisor("Mod");
            return Long.remainderUnsigned(a, b);
        });
    }

    /** BitShift on unsigned types; shifting by the bit width or more gives 0. */
    static BinaryFn bitShift(boolean left) {
        return new BinaryFn("BitShift", null, null, t -> {
            if (!t.isUnsigned()) return null;
            int bits = Num.bits(t);
            return left ? (a, b) -> Long.compareUnsigned(b, bits) >= 0 ? 0 : a << b
                    : (a, b) -> Long.compareUnsigned(b, bits) >= 0 ? 0 : a >>> b;
        });
    }

    /** Integer division truncating toward zero, as in C. */
    static long div(long a, long b) {
        if (b == 0) throw zeroDivisor("Div");
        return a / b;
    }

    static long divUnsigned(long a, long b) {
        if (b == 0) throw zeroDivisor("Div");
        return Long.divideUnsigned(a, b);
    }

    static IllegalArgumentException zeroDivisor(String op) {
        return new IllegalArgumentException(op + ": integer division by zero");
    }
}
