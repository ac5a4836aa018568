package dev.onyx.ops.seq;

import dev.onyx.ir.Attribute;
import dev.onyx.ir.Attributes;
import dev.onyx.ir.Node;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.ops.OpRegistry;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Test helpers for the seq family: create ops from the standard registry, run them, compare tensors. */
final class SeqTesting {
    private SeqTesting() {}

    /** An op with the given inputs (null = absent, named "") and number of outputs. */
    static Op create(String opType, int opset, Tensor[] inputs, int outputs, Attribute... attrs) {
        List<String> in = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) in.add(inputs[i] == null ? "" : "x" + i);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < outputs; i++) out.add("y" + i);
        Node node = new Node("n", opType, "", in, out, Attributes.of(attrs));
        var f = OpRegistry.standard().find("", opType, opset);
        if (f == null) throw new AssertionError("no " + opType + " at opset " + opset);
        return f.create(new NodeContext(node, opset));
    }

    static List<Tensor> run(String opType, int opset, int outputs, Tensor[] inputs, Attribute... attrs) {
        return create(opType, opset, inputs, outputs, attrs).run(Arrays.asList(inputs));
    }

    static Tensor run1(String opType, int opset, Tensor[] inputs, Attribute... attrs) {
        return run(opType, opset, 1, inputs, attrs).get(0);
    }

    static Tensor[] in(Tensor... t) { return t; }

    /** n present (named) inputs, for creating ops whose values do not matter. */
    static Tensor[] dummies(int n) {
        Tensor[] t = new Tensor[n];
        java.util.Arrays.fill(t, Tensor.scalar(0f));
        return t;
    }

    static void close(Tensor actual, float[] expected, int... shape) {
        assertThat(actual.shape()).as("shape").isEqualTo(shape);
        assertThat(actual.size()).isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            double a = actual.getDouble(i), e = expected[i];
            boolean ok = Double.isNaN(e) ? Double.isNaN(a) : Math.abs(a - e) <= 1e-5 + 1e-4 * Math.abs(e);
            if (!ok) fail("element " + i + ": expected " + e + ", got " + a + " (" + actual + ")");
        }
    }

    static Attribute i(String name, long v) { return Attribute.ofInt(name, v); }
    static Attribute f(String name, float v) { return Attribute.ofFloat(name, v); }
    static Attribute s(String name, String v) { return Attribute.ofString(name, v); }
    static Attribute ints(String name, Long... v) { return Attribute.ofInts(name, List.of(v)); }
    static Attribute floats(String name, Float... v) { return Attribute.ofFloats(name, List.of(v)); }
    static Attribute strs(String name, String... v) { return Attribute.ofStrings(name, List.of(v)); }
}
