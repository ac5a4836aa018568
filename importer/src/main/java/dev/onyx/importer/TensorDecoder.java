package dev.onyx.importer;

import com.google.protobuf.ByteString;
import dev.onyx.InvalidModelException;
import dev.onyx.LimitExceededException;
import dev.onyx.UnsupportedModelException;
import dev.onyx.importer.proto.OnnxProto.StringStringEntryProto;
import dev.onyx.importer.proto.OnnxProto.TensorProto;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a TensorProto into a {@link Tensor}: from raw_data (little-endian), from the typed repeated
 * fields, or from external data. The declared size is checked against the bytes actually present
 * before anything is allocated.
 */
public final class TensorDecoder {
    private final ExternalData external;
    private final long maxBytes;

    public TensorDecoder(ExternalData external, long maxBytes) {
        this.external = external;
        this.maxBytes = maxBytes;
    }

    public Tensor decode(TensorProto p) {
        String name = p.getName().isEmpty() ? "<unnamed>" : p.getName();
        String what = "tensor '" + name + "'";
        DType dtype = DType.fromOnnx(p.getDataType());
        if (dtype == null) {
            if (p.getDataType() == 0) throw new InvalidModelException(what + ": data_type is not set");
            throw new UnsupportedModelException(what + ": data type " + DType.onnxName(p.getDataType()) + " is not supported");
        }
        if (p.hasSegment()) throw new UnsupportedModelException(what + ": segmented tensors are not supported");
        long[] dims = new long[p.getDimsCount()];
        int[] shape = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = p.getDims(i);
            if (dims[i] < 0) throw new InvalidModelException(what + ": negative dimension " + dims[i] + " at axis " + i);
        }
        long n = Shapes.sizeOrMinusOne(dims);
        if (n < 0) {
            throw new LimitExceededException(what + ": dims " + java.util.Arrays.toString(dims)
                    + " declare more elements than a tensor can hold (2^31)");
        }
        for (int i = 0; i < dims.length; i++) shape[i] = (int) dims[i];
        int count = (int) n;
        long bytes = n * Math.max(1, dtype.byteSize());
        if (bytes > maxBytes) {
            throw new LimitExceededException(what + ": " + bytes + " bytes declared, more than the limit of " + maxBytes);
        }

        if (p.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
            if (dtype == DType.STRING) throw new UnsupportedModelException(what + ": string tensors in external data are not supported");
            String location = null;
            long offset = 0;
            long length = -1;
            for (StringStringEntryProto e : p.getExternalDataList()) {
                switch (e.getKey()) {
                    case "location" -> location = e.getValue();
                    case "offset" -> offset = parseLong(what, "offset", e.getValue());
                    case "length" -> length = parseLong(what, "length", e.getValue());
                    default -> { }
                }
            }
            byte[] raw = external.read(name, location, offset, length, bytes);
            return fromRaw(dtype, shape, count, ByteBuffer.wrap(raw), what);
        }
        if (p.hasRawData()) {
            if (dtype == DType.STRING) throw new InvalidModelException(what + ": string tensors cannot use raw_data");
            ByteString raw = p.getRawData();
            if (raw.size() != bytes) {
                throw new InvalidModelException(what + ": raw_data holds " + raw.size() + " bytes but dims "
                        + java.util.Arrays.toString(dims) + " of " + dtype + " need " + bytes);
            }
            return fromRaw(dtype, shape, count, raw.asReadOnlyByteBuffer(), what);
        }
        return fromTyped(p, dtype, shape, count, what);
    }

    private static long parseLong(String what, String key, String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new InvalidModelException(what + ": external data " + key + " '" + v + "' is not a number");
        }
    }

    private static Tensor fromRaw(DType dtype, int[] shape, int n, ByteBuffer buf, String what) {
        ByteBuffer b = buf.order(ByteOrder.LITTLE_ENDIAN);
        Object data = switch (dtype) {
            case FLOAT -> { float[] a = new float[n]; b.asFloatBuffer().get(a); yield a; }
            case DOUBLE -> { double[] a = new double[n]; b.asDoubleBuffer().get(a); yield a; }
            case INT64, UINT64 -> { long[] a = new long[n]; b.asLongBuffer().get(a); yield a; }
            case INT32, UINT32 -> { int[] a = new int[n]; b.asIntBuffer().get(a); yield a; }
            case INT16, UINT16, FLOAT16, BFLOAT16 -> { short[] a = new short[n]; b.asShortBuffer().get(a); yield a; }
            case INT8, UINT8 -> { byte[] a = new byte[n]; b.get(a); yield a; }
            case BOOL -> {
                boolean[] a = new boolean[n];
                for (int i = 0; i < n; i++) a[i] = b.get() != 0;
                yield a;
            }
            case STRING -> throw new InvalidModelException(what + ": string tensors cannot use raw data");
        };
        return Tensor.wrap(dtype, shape, data);
    }

    private static Tensor fromTyped(TensorProto p, DType dtype, int[] shape, int n, String what) {
        int present = switch (dtype) {
            case FLOAT -> p.getFloatDataCount();
            case DOUBLE -> p.getDoubleDataCount();
            case INT64 -> p.getInt64DataCount();
            case UINT32, UINT64 -> p.getUint64DataCount();
            case STRING -> p.getStringDataCount();
            default -> p.getInt32DataCount();
        };
        if (present != n) {
            throw new InvalidModelException(what + ": dims " + java.util.Arrays.toString(shape) + " declare " + n
                    + " elements but " + present + " values are stored");
        }
        Object data = switch (dtype) {
            case FLOAT -> { float[] a = new float[n]; for (int i = 0; i < n; i++) a[i] = p.getFloatData(i); yield a; }
            case DOUBLE -> { double[] a = new double[n]; for (int i = 0; i < n; i++) a[i] = p.getDoubleData(i); yield a; }
            case INT64 -> { long[] a = new long[n]; for (int i = 0; i < n; i++) a[i] = p.getInt64Data(i); yield a; }
            case UINT64 -> { long[] a = new long[n]; for (int i = 0; i < n; i++) a[i] = p.getUint64Data(i); yield a; }
            case UINT32 -> { int[] a = new int[n]; for (int i = 0; i < n; i++) a[i] = (int) p.getUint64Data(i); yield a; }
            case INT32 -> { int[] a = new int[n]; for (int i = 0; i < n; i++) a[i] = p.getInt32Data(i); yield a; }
            case INT16, UINT16, FLOAT16, BFLOAT16 -> { short[] a = new short[n]; for (int i = 0; i < n; i++) a[i] = (short) p.getInt32Data(i); yield a; }
            case INT8, UINT8 -> { byte[] a = new byte[n]; for (int i = 0; i < n; i++) a[i] = (byte) p.getInt32Data(i); yield a; }
            case BOOL -> { boolean[] a = new boolean[n]; for (int i = 0; i < n; i++) a[i] = p.getInt32Data(i) != 0; yield a; }
            case STRING -> {
                String[] a = new String[n];
                for (int i = 0; i < n; i++) a[i] = p.getStringData(i).toString(StandardCharsets.UTF_8);
                yield a;
            }
        };
        return Tensor.wrap(dtype, shape, data);
    }
}
