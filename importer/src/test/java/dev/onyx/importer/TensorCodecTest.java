package dev.onyx.importer;

import dev.onyx.SessionOptions;
import dev.onyx.importer.proto.OnnxProto.TensorProto;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** raw_data and typed-field decoding for every supported dtype. */
class TensorCodecTest {
    private final TensorDecoder decoder = new TensorDecoder(new ExternalData(null), SessionOptions.defaults().maxTensorBytes());

    @Test
    void rawDataRoundTripsForEveryDtype() {
        for (DType t : DType.values()) {
            Tensor src = Tensor.zeros(t, 2, 3);
            Tensor filled = t == DType.STRING ? Tensor.of(new String[] {"a", "b", "", "dé", "e", "f"}, 2, 3) : fill(src);
            Tensor back = decoder.decode(TensorEncoder.encode("t", filled));
            assertThat(back).as(t.toString()).isEqualTo(filled);
        }
    }

    private static Tensor fill(Tensor z) {
        double[] v = new double[z.size()];
        for (int i = 0; i < v.length; i++) v[i] = i % 2 == 0 ? i + 1 : -(i + 1);
        if (z.dtype().isUnsigned() || z.dtype() == DType.BOOL) for (int i = 0; i < v.length; i++) v[i] = Math.abs(v[i]) % 2;
        return Tensor.fromDoubles(z.dtype(), z.shape(), v);
    }

    @Test
    void typedFields() {
        TensorProto f = TensorProto.newBuilder().setDataType(1).addDims(2).addFloatData(1.5f).addFloatData(-2f).build();
        assertThat(decoder.decode(f).floats()).containsExactly(1.5f, -2f);
        TensorProto d = TensorProto.newBuilder().setDataType(11).addDims(1).addDoubleData(3.25).build();
        assertThat(decoder.decode(d).doubles()).containsExactly(3.25);
        TensorProto l = TensorProto.newBuilder().setDataType(7).addDims(2).addInt64Data(-7).addInt64Data(1L << 40).build();
        assertThat(decoder.decode(l).longs()).containsExactly(-7, 1L << 40);
        TensorProto u = TensorProto.newBuilder().setDataType(13).addDims(1).addUint64Data(-1L).build();
        assertThat(decoder.decode(u).getDouble(0)).isEqualTo(1.8446744073709552E19);
        TensorProto h = TensorProto.newBuilder().setDataType(10).addDims(1).addInt32Data(Float.floatToFloat16(0.5f)).build();
        assertThat(decoder.decode(h).getDouble(0)).isEqualTo(0.5);
        TensorProto bf = TensorProto.newBuilder().setDataType(16).addDims(1).addInt32Data(0x3fc0).build();
        assertThat(decoder.decode(bf).getDouble(0)).isEqualTo(1.5);
        TensorProto b = TensorProto.newBuilder().setDataType(9).addDims(3).addInt32Data(1).addInt32Data(0).addInt32Data(1).build();
        assertThat(decoder.decode(b).booleans()).containsExactly(true, false, true);
        TensorProto u8 = TensorProto.newBuilder().setDataType(2).addDims(1).addInt32Data(200).build();
        assertThat(decoder.decode(u8).getLong(0)).isEqualTo(200);
        TensorProto scalar = TensorProto.newBuilder().setDataType(6).addInt32Data(42).build();
        assertThat(decoder.decode(scalar).rank()).isZero();
        assertThat(decoder.decode(scalar).ints()).containsExactly(42);
    }
}
