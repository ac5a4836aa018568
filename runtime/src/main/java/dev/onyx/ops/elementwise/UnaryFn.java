package dev.onyx.ops.elementwise;

import dev.onyx.kernel.UnaryF32;
import dev.onyx.tensor.DType;

import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.function.LongUnaryOperator;

/**
 * The arithmetic of one unary elementwise op: an optional whole-array float32 loop, a float
 * function (float32 element form, null to derive it from the double form), the double function
 * (null when float types are not allowed) and the integer function per type (null when not allowed).
 */
record UnaryFn(String name, ArrayKernel fast, UnaryF32.Fn f32, DoubleUnaryOperator real,
               Function<DType, LongUnaryOperator> integer) {

    /** A loop over a whole float array. */
    @FunctionalInterface
    interface ArrayKernel {
        void apply(float[] x, float[] out);
    }

    static UnaryFn real(String name, DoubleUnaryOperator f) {
        return new UnaryFn(name, null, null, f, null);
    }

    static UnaryFn real(String name, UnaryF32.Fn f32, DoubleUnaryOperator f) {
        return new UnaryFn(name, null, f32, f, null);
    }

    static UnaryFn numeric(String name, DoubleUnaryOperator f, LongUnaryOperator i) {
        return new UnaryFn(name, null, null, f, t -> i);
    }

    UnaryFn withFast(ArrayKernel k) {
        return new UnaryFn(name, k, f32, real, integer);
    }

    LongUnaryOperator integerFor(DType t) {
        return integer == null ? null : integer.apply(t);
    }
}
