package dev.onyx.importer;

import com.google.protobuf.ByteString;
import dev.onyx.importer.proto.OnnxProto.TensorProto;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Encodes a {@link Tensor} as a TensorProto (raw_data little-endian; string_data for strings). */
public final class TensorEncoder {
    private TensorEncoder() {}

    public static TensorProto encode(String name, Tensor t) {
        TensorProto.Builder b = TensorProto.newBuilder().setDataType(t.dtype().onnxCode());
        if (name != null) b.setName(name);
        for (int d : t.shape()) b.addDims(d);
        Object s = t.storage();
        if (t.dtype() == DType.STRING) {
            for (String v : (String[]) s) b.addStringData(ByteString.copyFrom(v, StandardCharsets.UTF_8));
            return b.build();
        }
        int n = t.size();
        ByteBuffer buf = ByteBuffer.allocate(n * t.dtype().byteSize()).order(ByteOrder.LITTLE_ENDIAN);
        switch (t.dtype()) {
            case FLOAT -> buf.asFloatBuffer().put((float[]) s);
            case DOUBLE -> buf.asDoubleBuffer().put((double[]) s);
            case INT64, UINT64 -> buf.asLongBuffer().put((long[]) s);
            case INT32, UINT32 -> buf.asIntBuffer().put((int[]) s);
            case INT16, UINT16, FLOAT16, BFLOAT16 -> buf.asShortBuffer().put((short[]) s);
            case INT8, UINT8 -> buf.put((byte[]) s);
            case BOOL -> { for (boolean v : (boolean[]) s) buf.put((byte) (v ? 1 : 0)); }
            case STRING -> throw new AssertionError();
        }
        return b.setRawData(ByteString.copyFrom(buf.array())).build();
    }
}
