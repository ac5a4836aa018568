package dev.onyx.ops.linalg;

import dev.onyx.InvalidModelException;
import dev.onyx.tensor.DType;

import java.util.EnumSet;
import java.util.Set;

/** The element types Gemm and MatMul accept at each opset version. */
final class LinalgTypes {
    private LinalgTypes() {}

    private static final Set<DType> FLOATS = EnumSet.of(DType.FLOAT16, DType.FLOAT, DType.DOUBLE);
    private static final Set<DType> WITH_INTS = EnumSet.of(DType.FLOAT16, DType.FLOAT, DType.DOUBLE,
            DType.UINT32, DType.UINT64, DType.INT32, DType.INT64);
    private static final Set<DType> WITH_BF16 = EnumSet.of(DType.FLOAT16, DType.FLOAT, DType.DOUBLE,
            DType.UINT32, DType.UINT64, DType.INT32, DType.INT64, DType.BFLOAT16);

    /** float16/float/double up to opset 8, integer types from 9, bfloat16 from 13. */
    static Set<DType> allowed(int opset) {
        return opset < 9 ? FLOATS : opset < 13 ? WITH_INTS : WITH_BF16;
    }

    /** Throws IllegalArgumentException unless both types are equal and allowed. */
    static DType check(String op, int opset, DType a, DType b) {
        String msg = message(op, opset, a, b);
        if (msg != null) throw new IllegalArgumentException(msg);
        return a;
    }

    /** Like {@link #check} for facts, where a null type is unknown; throws InvalidModelException. */
    static DType checkFacts(String op, int opset, DType a, DType b) {
        String msg = message(op, opset, a, b);
        if (msg != null) throw new InvalidModelException(msg);
        return a != null ? a : b;
    }

    private static String message(String op, int opset, DType a, DType b) {
        Set<DType> ok = allowed(opset);
        for (DType t : new DType[] {a, b}) {
            if (t != null && !ok.contains(t)) {
                return op + " at opset " + opset + " accepts " + ok + ", got " + t;
            }
        }
        if (a != null && b != null && a != b) {
            return op + ": A and B must have the same type, got " + a + " and " + b;
        }
        return null;
    }
}
