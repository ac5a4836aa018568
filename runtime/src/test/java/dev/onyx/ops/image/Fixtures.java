package dev.onyx.ops.image;

import dev.onyx.ir.Attribute;
import dev.onyx.ir.Attributes;
import dev.onyx.ir.Node;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.ops.OpRegistry;
import dev.onyx.tensor.Tensor;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Builds image ops from hand-written nodes and compares results for tests. */
final class Fixtures {
    private static final OpRegistry REGISTRY = new OpRegistry();

    static {
        ImageOps.register(REGISTRY);
    }

    private Fixtures() {}

    static Op op(String type, int opset, List<String> inputs, Attribute... attrs) {
        Node node = new Node("n", type, "", inputs, List.of("y"), Attributes.of(attrs));
        return REGISTRY.find("", type, opset).create(new NodeContext(node, opset));
    }

    static void close(Tensor y, float[] expected, int... shape) {
        assertThat(y.shape()).containsExactly(shape);
        assertThat(y.size()).isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            double a = y.getDouble(i), e = expected[i];
            assertThat(Math.abs(a - e)).as("element %d: expected %s, got %s", i, e, a).isLessThanOrEqualTo(1e-5 + 1e-3 * Math.abs(e));
        }
    }
}
