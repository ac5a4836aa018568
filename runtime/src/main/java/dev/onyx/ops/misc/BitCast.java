package dev.onyx.ops.misc;

import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;

import java.util.List;

/**
 * ONNX BitCast (opset 26): reinterprets each element's bits as the type 'to' of the same width (bool is
 * one byte 0 or 1; any non-zero byte reads as true); the shape is unchanged. Strings are not allowed.
 */
public final class BitCast implements Op {
    private final DType to;

    private BitCast(DType to) { this.to = to; }

    static Op create(NodeContext ctx) {
        ctx.expectInputs(1, 1);
        if (!ctx.attrs().has("to")) throw ctx.invalid("missing required attribute 'to'");
        long code = ctx.attrs().requireInt("to");
        DType t = DType.fromOnnx((int) code);
        if (t == null || t == DType.STRING || code != (int) code) {
            throw ctx.invalid("attribute 'to': unsupported data type " + DType.onnxName((int) code));
        }
        return new BitCast(t);
    }

    @Override
    public List<Fact> infer(List<Fact> in) {
        Fact x = in.get(0);
        if (x.dtype() != null && (x.dtype() == DType.STRING || x.dtype().byteSize() != to.byteSize())) {
            throw new IllegalArgumentException("cannot bit-cast " + x.dtype() + " (" + x.dtype().byteSize() + " bytes) to "
                    + to + " (" + to.byteSize() + " bytes)");
        }
        return List.of(x.hasRank() ? Fact.of(to, x.dims()) : Fact.unknownShape(to));
    }

    @Override
    public List<Tensor> run(List<Tensor> in) {
        Tensor x = in.get(0);
        DType from = x.dtype();
        if (from == DType.STRING || from.byteSize() != to.byteSize()) {
            throw new IllegalArgumentException("cannot bit-cast " + from + " (" + from.byteSize() + " bytes) to "
                    + to + " (" + to.byteSize() + " bytes)");
        }
        int n = x.size();
        Object src = x.storage();
        Object dst = Tensor.allocate(to, n);
        for (int i = 0; i < n; i++) write(dst, to, i, bits(src, from, i));
        return List.of(Tensor.wrap(to, x.shape(), dst));
    }

    private static long bits(Object s, DType t, int i) {
        return switch (t) {
            case FLOAT -> Float.floatToRawIntBits(((float[]) s)[i]);
            case DOUBLE -> Double.doubleToRawLongBits(((double[]) s)[i]);
            case INT64, UINT64 -> ((long[]) s)[i];
            case INT32, UINT32 -> ((int[]) s)[i];
            case INT16, UINT16, FLOAT16, BFLOAT16 -> ((short[]) s)[i];
            case INT8, UINT8 -> ((byte[]) s)[i];
            case BOOL -> ((boolean[]) s)[i] ? 1 : 0;
            case STRING -> throw new IllegalStateException("string");
        };
    }

    private static void write(Object d, DType t, int i, long v) {
        switch (t) {
            case FLOAT -> ((float[]) d)[i] = Float.intBitsToFloat((int) v);
            case DOUBLE -> ((double[]) d)[i] = Double.longBitsToDouble(v);
            case INT64, UINT64 -> ((long[]) d)[i] = v;
            case INT32, UINT32 -> ((int[]) d)[i] = (int) v;
            case INT16, UINT16, FLOAT16, BFLOAT16 -> ((short[]) d)[i] = (short) v;
            case INT8, UINT8 -> ((byte[]) d)[i] = (byte) v;
            case BOOL -> ((boolean[]) d)[i] = (v & 0xff) != 0;
            case STRING -> throw new IllegalStateException("string");
        }
    }
}
