package dev.onyx.ops.misc;

import dev.onyx.ir.Attribute;
import dev.onyx.ir.Attributes;
import dev.onyx.ir.Node;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.ops.OpFactory;
import dev.onyx.ops.OpRegistry;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Builds misc ops from the standard registry and runs them. */
final class Harness {
    private Harness() {}

    static Op op(String domain, String type, int opset, int inputs, int outputs, Attribute... attrs) {
        List<String> in = new ArrayList<>();
        for (int i = 0; i < inputs; i++) in.add("i" + i);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < outputs; i++) out.add("o" + i);
        Node node = new Node("n", type, domain, in, out, Attributes.of(attrs));
        OpFactory f = OpRegistry.standard().find(domain, type, opset);
        if (f == null) throw new AssertionError("no " + type + " at opset " + opset);
        return f.create(new NodeContext(node, opset));
    }

    static Op op(String type, int opset, int inputs, Attribute... attrs) {
        return op("", type, opset, inputs, 1, attrs);
    }

    static List<Tensor> run(Op op, Tensor... in) { return op.run(Arrays.asList(in)); }

    static Tensor run1(Op op, Tensor... in) { return run(op, in).get(0); }

    static Attribute ints(String name, long... v) {
        List<Long> l = new ArrayList<>();
        for (long x : v) l.add(x);
        return Attribute.ofInts(name, l);
    }

    static Attribute floats(String name, float... v) {
        List<Float> l = new ArrayList<>();
        for (float x : v) l.add(x);
        return Attribute.ofFloats(name, l);
    }

    static Attribute strings(String name, String... v) { return Attribute.ofStrings(name, List.of(v)); }

    static Tensor scalar(long v) { return Tensor.wrap(dev.onyx.tensor.DType.INT64, new int[0], new long[] {v}); }

    static void close(Tensor t, double... expected) {
        assertThat(t.size()).isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(t.getDouble(i)).as("element " + i).isCloseTo(expected[i], within(1e-5 + 1e-4 * Math.abs(expected[i])));
        }
    }
}
