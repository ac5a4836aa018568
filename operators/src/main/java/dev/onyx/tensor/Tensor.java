package dev.onyx.tensor;

import java.util.Arrays;
import java.util.Objects;

/**
 * A dense tensor: an element type, a shape and contiguous row-major storage in one primitive array.
 *
 * <p>Tensors are values: nothing needs closing, and a tensor handed out by Onyx is never changed
 * afterwards. The typed accessors ({@link #floats()}, {@link #longs()}...) return copies and say which
 * type they found when asked for another. Kernels read the backing array through {@link #storage()}
 * and must not write to it.
 *
 * <p>Storage per type: float32 float[], float64 double[], int64/uint64 long[], int32/uint32 int[],
 * int16/uint16/float16/bfloat16 short[] (raw bits), int8/uint8 byte[], bool boolean[], string String[].
 */
public final class Tensor {
    private final DType dtype;
    private final int[] shape;
    private final Object data;
    private final int size;

    private Tensor(DType dtype, int[] shape, Object data, boolean check) {
        this.dtype = Objects.requireNonNull(dtype, "dtype");
        this.shape = shape.clone();
        this.size = Shapes.size(this.shape);
        this.data = Objects.requireNonNull(data, "data");
        if (check) {
            if (!dtype.storageClass().isInstance(data)) {
                throw new IllegalArgumentException("a " + dtype + " tensor is stored in "
                        + dtype.storageClass().getSimpleName() + ", got " + data.getClass().getSimpleName());
            }
            int len = java.lang.reflect.Array.getLength(data);
            if (len != size) {
                throw new IllegalArgumentException("shape " + Shapes.toString(shape) + " holds " + size
                        + " elements but " + len + " values were given");
            }
        }
    }

    /** Wraps an existing storage array (not copied) of the right class and length for the dtype. */
    public static Tensor wrap(DType dtype, int[] shape, Object storage) {
        return new Tensor(dtype, shape, storage, true);
    }

    public static Tensor of(float[] data, int... shape) { return wrap(DType.FLOAT, shape, data.clone()); }
    public static Tensor of(double[] data, int... shape) { return wrap(DType.DOUBLE, shape, data.clone()); }
    public static Tensor of(long[] data, int... shape) { return wrap(DType.INT64, shape, data.clone()); }
    public static Tensor of(int[] data, int... shape) { return wrap(DType.INT32, shape, data.clone()); }
    public static Tensor of(boolean[] data, int... shape) { return wrap(DType.BOOL, shape, data.clone()); }
    public static Tensor of(String[] data, int... shape) { return wrap(DType.STRING, shape, data.clone()); }
    public static Tensor ofBytes(DType dtype, byte[] data, int... shape) { return wrap(dtype, shape, data.clone()); }
    public static Tensor ofShorts(DType dtype, short[] data, int... shape) { return wrap(dtype, shape, data.clone()); }

    public static Tensor scalar(float v) { return wrap(DType.FLOAT, new int[0], new float[] {v}); }
    public static Tensor scalar(long v) { return wrap(DType.INT64, new int[0], new long[] {v}); }

    /** A zero-filled tensor (empty strings for string tensors). */
    public static Tensor zeros(DType dtype, int... shape) {
        int n = Shapes.size(shape);
        Object storage = allocate(dtype, n);
        return new Tensor(dtype, shape, storage, false);
    }

    /** A new storage array for n elements of the type (strings filled with ""). */
    public static Object allocate(DType dtype, int n) {
        return switch (dtype) {
            case FLOAT -> new float[n];
            case DOUBLE -> new double[n];
            case INT64, UINT64 -> new long[n];
            case INT32, UINT32 -> new int[n];
            case INT16, UINT16, FLOAT16, BFLOAT16 -> new short[n];
            case INT8, UINT8 -> new byte[n];
            case BOOL -> new boolean[n];
            case STRING -> {
                String[] s = new String[n];
                Arrays.fill(s, "");
                yield s;
            }
        };
    }

    /** A tensor of the given type whose elements are the given doubles, converted (rounded for integers). */
    public static Tensor fromDoubles(DType dtype, int[] shape, double[] values) {
        Tensor t = zeros(dtype, shape);
        for (int i = 0; i < values.length; i++) t.setDouble(i, values[i]);
        return t;
    }

    public DType dtype() { return dtype; }

    /** A copy of the shape. */
    public int[] shape() { return shape.clone(); }

    public int rank() { return shape.length; }

    public int dim(int axis) { return shape[Shapes.axis(axis, shape.length)]; }

    public int size() { return size; }

    /** The backing array, not copied: for kernels, which must not modify it. */
    public Object storage() { return data; }

    /** A tensor with the same data (shared, not copied) and another shape with the same element count. */
    public Tensor reshape(int... newShape) {
        if (Shapes.size(newShape) != size) {
            throw new IllegalArgumentException("cannot reshape " + Shapes.toString(shape) + " (" + size
                    + " elements) to " + Shapes.toString(newShape));
        }
        return new Tensor(dtype, newShape, data, false);
    }

    private Object expect(DType... allowed) {
        for (DType t : allowed) if (t == dtype) return data;
        throw new IllegalStateException("tensor holds " + dtype + " " + Shapes.toString(shape) + ", not "
                + (allowed.length == 1 ? allowed[0] : Arrays.toString(allowed)));
    }

    public float[] floats() { return ((float[]) expect(DType.FLOAT)).clone(); }
    public double[] doubles() { return ((double[]) expect(DType.DOUBLE)).clone(); }
    public long[] longs() { return ((long[]) expect(DType.INT64, DType.UINT64)).clone(); }
    public int[] ints() { return ((int[]) expect(DType.INT32, DType.UINT32)).clone(); }
    public short[] shorts() { return ((short[]) expect(DType.INT16, DType.UINT16, DType.FLOAT16, DType.BFLOAT16)).clone(); }
    public byte[] bytes() { return ((byte[]) expect(DType.INT8, DType.UINT8)).clone(); }
    public boolean[] booleans() { return ((boolean[]) expect(DType.BOOL)).clone(); }
    public String[] strings() { return ((String[]) expect(DType.STRING)).clone(); }

    /** Element i (flat, row-major) as a double; unsigned types read unsigned, float16/bfloat16 decoded. */
    public double getDouble(int i) {
        return switch (dtype) {
            case FLOAT -> ((float[]) data)[i];
            case DOUBLE -> ((double[]) data)[i];
            case INT64 -> ((long[]) data)[i];
            case UINT64 -> unsignedLongToDouble(((long[]) data)[i]);
            case INT32 -> ((int[]) data)[i];
            case UINT32 -> Integer.toUnsignedLong(((int[]) data)[i]);
            case INT16 -> ((short[]) data)[i];
            case UINT16 -> Short.toUnsignedInt(((short[]) data)[i]);
            case FLOAT16 -> Float.float16ToFloat(((short[]) data)[i]);
            case BFLOAT16 -> bfloat16ToFloat(((short[]) data)[i]);
            case INT8 -> ((byte[]) data)[i];
            case UINT8 -> Byte.toUnsignedInt(((byte[]) data)[i]);
            case BOOL -> ((boolean[]) data)[i] ? 1 : 0;
            case STRING -> throw new IllegalStateException("string tensor has no numeric value");
        };
    }

    /** Element i as a long: exact for integer types, truncated toward zero for floating types. */
    public long getLong(int i) {
        return switch (dtype) {
            case INT64, UINT64 -> ((long[]) data)[i];
            case INT32 -> ((int[]) data)[i];
            case UINT32 -> Integer.toUnsignedLong(((int[]) data)[i]);
            case INT16 -> ((short[]) data)[i];
            case UINT16 -> Short.toUnsignedInt(((short[]) data)[i]);
            case INT8 -> ((byte[]) data)[i];
            case UINT8 -> Byte.toUnsignedInt(((byte[]) data)[i]);
            case BOOL -> ((boolean[]) data)[i] ? 1 : 0;
            default -> (long) getDouble(i);
        };
    }

    /** Writes element i from a double, converting to the dtype (wrap-around for integers, as a C cast). */
    void setDouble(int i, double v) {
        switch (dtype) {
            case FLOAT -> ((float[]) data)[i] = (float) v;
            case DOUBLE -> ((double[]) data)[i] = v;
            case FLOAT16 -> ((short[]) data)[i] = Float.floatToFloat16((float) v);
            case BFLOAT16 -> ((short[]) data)[i] = floatToBfloat16((float) v);
            case BOOL -> ((boolean[]) data)[i] = v != 0;
            case STRING -> ((String[]) data)[i] = Double.toString(v);
            default -> setLong(i, (long) v);
        }
    }

    /** Writes element i from a long, keeping the low bits for narrow integer types. */
    void setLong(int i, long v) {
        switch (dtype) {
            case INT64, UINT64 -> ((long[]) data)[i] = v;
            case INT32, UINT32 -> ((int[]) data)[i] = (int) v;
            case INT16, UINT16 -> ((short[]) data)[i] = (short) v;
            case INT8, UINT8 -> ((byte[]) data)[i] = (byte) v;
            case BOOL -> ((boolean[]) data)[i] = v != 0;
            default -> setDouble(i, (double) v);
        }
    }

    /** Element at a multi-dimensional index, as a double. */
    public double get(int... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index of rank " + index.length + " for a tensor of rank " + shape.length);
        }
        int flat = 0;
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " outside shape " + Shapes.toString(shape));
            }
            flat = flat * shape[i] + index[i];
        }
        return getDouble(flat);
    }

    public static double unsignedLongToDouble(long v) {
        double d = (double) (v >>> 1) * 2.0;
        return d + (v & 1);
    }

    public static float bfloat16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xffff) << 16);
    }

    /** Round-to-nearest-even conversion to bfloat16 bits; NaN stays NaN. */
    public static short floatToBfloat16(float f) {
        int bits = Float.floatToRawIntBits(f);
        if (Float.isNaN(f)) return (short) ((bits >>> 16) | 0x40);
        int rounding = 0x7fff + ((bits >>> 16) & 1);
        return (short) ((bits + rounding) >>> 16);
    }

    /** Converts all elements to another dtype, as ONNX Cast does for numeric types. */
    public Tensor castTo(DType target) {
        if (target == dtype) return this;
        Tensor out = zeros(target, shape);
        if (dtype == DType.STRING || target == DType.STRING) {
            for (int i = 0; i < size; i++) {
                if (target == DType.STRING) {
                    ((String[]) out.data)[i] = dtype.isIntegral() ? Long.toString(getLong(i)) : formatFloat(getDouble(i));
                } else {
                    out.setDouble(i, Double.parseDouble(((String[]) data)[i]));
                }
            }
            return out;
        }
        boolean integralCopy = dtype.isIntegral() && target.isIntegral();
        for (int i = 0; i < size; i++) {
            if (integralCopy) out.setLong(i, getLong(i));
            else if (target.isIntegral() && target != DType.BOOL) out.setLong(i, castToLong(getDouble(i)));
            else out.setDouble(i, getDouble(i));
        }
        return out;
    }

    private static long castToLong(double v) {
        if (Double.isNaN(v)) return 0;
        return (long) v;
    }

    private static String formatFloat(double v) {
        return Double.toString(v);
    }

    /** Same dtype, same shape and the same elements (NaN equal to NaN, as stored bits). */
    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof Tensor t)) return false;
        if (t.dtype != dtype || !Arrays.equals(t.shape, shape)) return false;
        return switch (dtype) {
            case FLOAT -> Arrays.equals((float[]) data, (float[]) t.data);
            case DOUBLE -> Arrays.equals((double[]) data, (double[]) t.data);
            case INT64, UINT64 -> Arrays.equals((long[]) data, (long[]) t.data);
            case INT32, UINT32 -> Arrays.equals((int[]) data, (int[]) t.data);
            case INT16, UINT16, FLOAT16, BFLOAT16 -> Arrays.equals((short[]) data, (short[]) t.data);
            case INT8, UINT8 -> Arrays.equals((byte[]) data, (byte[]) t.data);
            case BOOL -> Arrays.equals((boolean[]) data, (boolean[]) t.data);
            case STRING -> Arrays.equals((String[]) data, (String[]) t.data);
        };
    }

    @Override
    public int hashCode() {
        return 31 * dtype.hashCode() + Arrays.hashCode(shape);
    }

    /** Type and shape, with the first few values. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(dtype).append(' ').append(Shapes.toString(shape)).append(" [");
        int n = Math.min(size, 8);
        for (int i = 0; i < n; i++) {
            if (i > 0) sb.append(", ");
            if (dtype == DType.STRING) sb.append('"').append(((String[]) data)[i]).append('"');
            else if (dtype.isIntegral()) sb.append(getLong(i));
            else sb.append((float) getDouble(i));
        }
        if (size > n) sb.append(", ...");
        return sb.append(']').toString();
    }

    /** A writable builder-style view used by kernels to fill a fresh tensor element by element. */
    public static final class Writer {
        private final Tensor t;
        public Writer(DType dtype, int[] shape) { this.t = zeros(dtype, shape); }
        public Writer setDouble(int i, double v) { t.setDouble(i, v); return this; }
        public Writer setLong(int i, long v) { t.setLong(i, v); return this; }
        public Object storage() { return t.data; }
        public Tensor done() { return t; }
    }
}
