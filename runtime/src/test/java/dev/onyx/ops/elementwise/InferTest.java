package dev.onyx.ops.elementwise;

import dev.onyx.InvalidModelException;
import dev.onyx.ir.Attribute;
import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InferTest {
    private static final Dim N = Dim.symbol("N");
    private static final Dim M = Dim.symbol("M");

    private static Fact f(DType t, Dim... dims) { return Fact.of(t, List.of(dims)); }

    private static Fact infer(String op, int opset, Fact... in) {
        return infer(op, opset, new Attribute[0], in);
    }

    private static Fact infer(String op, int opset, Attribute[] attrs, Fact... in) {
        Op o = Ops.create(op, opset, in.length, attrs);
        return o.infer(Arrays.asList(in)).get(0);
    }

    @Test
    void symbolicBroadcast() {
        assertThat(infer("Add", 14, f(DType.FLOAT, N, Dim.of(3)), f(DType.FLOAT, Dim.of(1), Dim.of(3))))
                .isEqualTo(f(DType.FLOAT, N, Dim.of(3)));
        assertThat(infer("Mul", 14, f(DType.FLOAT, N, Dim.of(1)), f(DType.FLOAT, M)))
                .isEqualTo(f(DType.FLOAT, N, M));
        assertThat(infer("Sub", 14, f(DType.INT64, N), f(DType.INT64, N))).isEqualTo(f(DType.INT64, N));
        assertThat(infer("Div", 14, f(DType.FLOAT, N), f(DType.FLOAT, M))).isEqualTo(f(DType.FLOAT, Dim.UNKNOWN));
        assertThat(infer("Div", 14, f(DType.FLOAT, N), f(DType.FLOAT, Dim.of(4)))).isEqualTo(f(DType.FLOAT, Dim.of(4)));
        assertThat(infer("Add", 14, Fact.unknownShape(DType.FLOAT), f(DType.FLOAT, N)).dims()).isNull();
        assertThatThrownBy(() -> infer("Add", 14, Fact.of(DType.FLOAT, 2, 3), Fact.of(DType.FLOAT, 4)))
                .isInstanceOf(InvalidModelException.class);
    }

    @Test
    void outputTypes() {
        assertThat(infer("Less", 13, f(DType.FLOAT, N), f(DType.FLOAT, Dim.of(1)))).isEqualTo(f(DType.BOOL, N));
        assertThat(infer("Where", 16, f(DType.BOOL, N, Dim.of(1)), f(DType.INT32, Dim.of(5)), f(DType.INT32)))
                .isEqualTo(f(DType.INT32, N, Dim.of(5)));
        assertThat(infer("Cast", 13, new Attribute[] {Attribute.ofInt("to", 7)}, f(DType.FLOAT, N))).isEqualTo(f(DType.INT64, N));
        assertThat(infer("CastLike", 15, f(DType.FLOAT, N), f(DType.FLOAT16))).isEqualTo(f(DType.FLOAT16, N));
        assertThat(infer("IsNaN", 13, f(DType.FLOAT, N))).isEqualTo(f(DType.BOOL, N));
        assertThat(infer("Relu", 14, f(DType.FLOAT, N, M))).isEqualTo(f(DType.FLOAT, N, M));
        assertThat(infer("Pow", 15, f(DType.FLOAT, N), f(DType.INT64))).isEqualTo(f(DType.FLOAT, N));
        assertThat(infer("Sum", 13, f(DType.FLOAT, N, Dim.of(1)), f(DType.FLOAT, Dim.of(3)), f(DType.FLOAT)))
                .isEqualTo(f(DType.FLOAT, N, Dim.of(3)));
        assertThat(infer("PRelu", 16, f(DType.FLOAT, N, Dim.of(3)), f(DType.FLOAT, Dim.of(3)))).isEqualTo(f(DType.FLOAT, N, Dim.of(3)));
        assertThat(infer("Clip", 13, f(DType.INT8, N), null, f(DType.INT8))).isEqualTo(f(DType.INT8, N));
    }

    @Test
    void legacyAxisBroadcastKeepsFirstShape() {
        Attribute[] attrs = {Attribute.ofInt("broadcast", 1), Attribute.ofInt("axis", 1)};
        assertThat(infer("Add", 6, attrs, f(DType.FLOAT, N, Dim.of(3), Dim.of(4)), f(DType.FLOAT, Dim.of(3))))
                .isEqualTo(f(DType.FLOAT, N, Dim.of(3), Dim.of(4)));
    }
}
