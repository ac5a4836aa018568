package dev.onyx.ops.shape;

import dev.onyx.ir.Attribute;
import dev.onyx.ir.Attributes;
import dev.onyx.ir.Fact;
import dev.onyx.ir.Node;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.ops.OpFactory;
import dev.onyx.ops.OpRegistry;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builds one op from the standard registry and runs it. */
final class OpHarness {
    private OpHarness() {}

    /** An op with n inputs named i0.. (null entries of {@code present} would be absent) and m outputs. */
    static Op op(String type, int opset, int inputs, int outputs, Attribute... attrs) {
        List<String> in = new ArrayList<>();
        for (int i = 0; i < inputs; i++) in.add("i" + i);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < outputs; i++) out.add("o" + i);
        return op(new Node("n", type, "", in, out, Attributes.of(attrs)), opset);
    }

    static Op op(Node node, int opset) {
        OpFactory f = OpRegistry.standard().find("", node.opType(), opset);
        if (f == null) throw new AssertionError("no " + node.opType() + " at opset " + opset);
        return f.create(new NodeContext(node, opset));
    }

    static Tensor run1(Op op, Tensor... in) {
        return op.run(Arrays.asList(in)).get(0);
    }

    static Fact infer1(Op op, Fact... in) {
        return op.infer(Arrays.asList(in)).get(0);
    }

    static Attribute ints(String name, long... v) {
        List<Long> l = new ArrayList<>();
        for (long x : v) l.add(x);
        return Attribute.ofInts(name, l);
    }

    static Tensor longs(long... v) { return Tensor.of(v, v.length); }

    static float[] range(int n) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) f[i] = i;
        return f;
    }
}
