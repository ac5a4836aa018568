package dev.onyx.ops.norm;

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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Test helpers: building nodes and ops, and comparing tensors with a tolerance. */
final class NormTesting {
    private NormTesting() {}

    static Op op(String opType, int opset, int inputs, int outputs, Attribute... attrs) {
        List<String> in = new ArrayList<>();
        for (int i = 0; i < inputs; i++) in.add("i" + i);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < outputs; i++) out.add("o" + i);
        return op(new Node("n", opType, "", in, out, Attributes.of(attrs)), opset);
    }

    static Op op(Node node, int opset) {
        var f = OpRegistry.standard().find("", node.opType(), opset);
        assertThat(f).as("factory for %s at opset %d", node.opType(), opset).isNotNull();
        return f.create(new NodeContext(node, opset));
    }

    static Attribute ints(String name, long... v) {
        return Attribute.ofInts(name, Arrays.stream(v).boxed().toList());
    }

    static Tensor run1(Op op, Tensor... in) {
        return op.run(Arrays.asList(in)).get(0);
    }

    /** Asserts same dtype and shape, integers exactly, floats within atol + rtol * |expected|. */
    static void assertClose(Tensor actual, Tensor expected, double rtol, double atol, String what) {
        assertThat(actual).as(what + ": output missing").isNotNull();
        assertThat(actual.dtype()).as(what + ": dtype").isEqualTo(expected.dtype());
        assertThat(actual.shape()).as(what + ": shape").isEqualTo(expected.shape());
        boolean integral = expected.dtype().isIntegral();
        for (int i = 0; i < expected.size(); i++) {
            if (integral) {
                if (actual.getLong(i) != expected.getLong(i)) {
                    fail(what + ": element " + i + " is " + actual.getLong(i) + ", expected " + expected.getLong(i));
                }
                continue;
            }
            double a = actual.getDouble(i);
            double e = expected.getDouble(i);
            if (Double.isNaN(e) && Double.isNaN(a)) continue;
            if (a == e) continue;
            if (!(Math.abs(a - e) <= atol + rtol * Math.abs(e))) {
                fail(what + ": element " + i + " is " + a + ", expected " + e);
            }
        }
    }

    static void assertClose(Tensor actual, float[] expected, int... shape) {
        assertClose(actual, Tensor.of(expected, shape), 1e-5, 1e-6, "output");
    }

    /** A tensor of any dtype from doubles (integers written exactly for values within 2^53). */
    static Tensor tensor(DType t, int[] shape, double... v) {
        if (!t.isIntegral()) return Tensor.fromDoubles(t, shape, v);
        Tensor.Writer w = new Tensor.Writer(t, shape);
        for (int i = 0; i < v.length; i++) w.setLong(i, (long) v[i]);
        return w.done();
    }
}
