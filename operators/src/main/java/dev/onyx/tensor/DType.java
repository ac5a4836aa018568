package dev.onyx.tensor;

/**
 * Element types of tensors, numbered as in the ONNX {@code TensorProto.DataType} enum.
 * Each type names the Java array type that stores it.
 */
public enum DType {
    FLOAT(1, "float32", 4, float[].class),
    UINT8(2, "uint8", 1, byte[].class),
    INT8(3, "int8", 1, byte[].class),
    UINT16(4, "uint16", 2, short[].class),
    INT16(5, "int16", 2, short[].class),
    INT32(6, "int32", 4, int[].class),
    INT64(7, "int64", 8, long[].class),
    STRING(8, "string", 0, String[].class),
    BOOL(9, "bool", 1, boolean[].class),
    FLOAT16(10, "float16", 2, short[].class),
    DOUBLE(11, "float64", 8, double[].class),
    UINT32(12, "uint32", 4, int[].class),
    UINT64(13, "uint64", 8, long[].class),
    BFLOAT16(16, "bfloat16", 2, short[].class);

    private final int onnxCode;
    private final String displayName;
    private final int byteSize;
    private final Class<?> storage;

    DType(int onnxCode, String displayName, int byteSize, Class<?> storage) {
        this.onnxCode = onnxCode;
        this.displayName = displayName;
        this.byteSize = byteSize;
        this.storage = storage;
    }

    /** The ONNX {@code TensorProto.DataType} number. */
    public int onnxCode() { return onnxCode; }

    /** Bytes per element in ONNX raw_data (0 for strings). */
    public int byteSize() { return byteSize; }

    /** The Java array class that stores elements of this type. */
    public Class<?> storageClass() { return storage; }

    public boolean isFloatingPoint() {
        return this == FLOAT || this == DOUBLE || this == FLOAT16 || this == BFLOAT16;
    }

    public boolean isInteger() {
        return switch (this) {
            case UINT8, INT8, UINT16, INT16, INT32, INT64, UINT32, UINT64 -> true;
            default -> false;
        };
    }

    public boolean isUnsigned() {
        return this == UINT8 || this == UINT16 || this == UINT32 || this == UINT64;
    }

    /** True for the types stored exactly in a {@code long} (integers and bool). */
    public boolean isIntegral() { return isInteger() || this == BOOL; }

    /** The ONNX-style name: float32, int64, bool... */
    @Override
    public String toString() { return displayName; }

    /** Looks up an ONNX data type number; null when Onyx has no such type. */
    public static DType fromOnnx(int code) {
        for (DType t : values()) {
            if (t.onnxCode == code) return t;
        }
        return null;
    }

    /** Human name of any ONNX data type number, including ones Onyx does not support. */
    public static String onnxName(int code) {
        DType t = fromOnnx(code);
        if (t != null) return t.displayName;
        return switch (code) {
            case 0 -> "undefined";
            case 14 -> "complex64";
            case 15 -> "complex128";
            case 17 -> "float8e4m3fn";
            case 18 -> "float8e4m3fnuz";
            case 19 -> "float8e5m2";
            case 20 -> "float8e5m2fnuz";
            case 21 -> "uint4";
            case 22 -> "int4";
            case 23 -> "float4e2m1";
            case 24 -> "float8e8m0";
            case 25 -> "uint2";
            case 26 -> "int2";
            default -> "data type " + code;
        };
    }
}
