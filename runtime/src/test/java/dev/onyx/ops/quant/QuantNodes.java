package dev.onyx.ops.quant;

import dev.onyx.ir.Attribute;
import dev.onyx.ir.Attributes;
import dev.onyx.ir.Node;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.ops.OpRegistry;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builds quantization ops from hand-written nodes for tests. */
final class QuantNodes {
    private QuantNodes() {}

    static Op op(String type, int opset, int inputs, int outputs, Attribute... attrs) {
        List<String> in = new ArrayList<>(), out = new ArrayList<>();
        for (int i = 0; i < inputs; i++) in.add("i" + i);
        for (int i = 0; i < outputs; i++) out.add("o" + i);
        Node node = new Node("n", type, "", in, out, Attributes.of(attrs));
        var f = OpRegistry.standard().find("", type, opset);
        if (f == null) throw new AssertionError("no " + type + " at opset " + opset);
        return f.create(new NodeContext(node, opset));
    }

    static Tensor run1(Op op, Tensor... in) { return op.run(Arrays.asList(in)).get(0); }

    static Attribute i(String name, long v) { return Attribute.ofInt(name, v); }

    static Attribute ints(String name, long... v) { return Attribute.ofInts(name, Arrays.stream(v).boxed().toList()); }

    static Tensor f32(float[] v, int... shape) { return Tensor.of(v, shape); }

    static Tensor f16(float[] v, int... shape) {
        short[] s = new short[v.length];
        for (int k = 0; k < v.length; k++) s[k] = Float.floatToFloat16(v[k]);
        return Tensor.ofShorts(DType.FLOAT16, s, shape);
    }

    /** An integer tensor of the given type from values in its range. */
    static Tensor ints(DType t, int[] shape, long... v) { return Quant.fromLongs(t, shape, v); }

    static Tensor scalar(DType t, long v) { return Quant.fromLongs(t, new int[0], new long[] {v}); }

    static long[] values(Tensor t) { return Quant.longs(t); }
}
