package dev.onyx.ops.fused;

import dev.onyx.Session;
import dev.onyx.SessionOptions;
import dev.onyx.ir.Attribute;
import dev.onyx.ir.Attributes;
import dev.onyx.ir.Fact;
import dev.onyx.ir.Graph;
import dev.onyx.ir.Model;
import dev.onyx.ir.Node;
import dev.onyx.ir.ValueInfo;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An inverted-residual block (1x1 conv, Clip, depthwise conv, Relu): the optimizer makes it one
 * FusedPointwiseDepthwise node, whose outputs are bit for bit those of the unoptimized graph, at 1 and 2
 * threads, with and without biases; a pointwise output read twice stays unfused.
 */
class PointwiseDepthwiseNodeTest {
    private static Node node(String name, String op, List<String> in, List<String> out, Attribute... attrs) {
        return new Node(name, op, "", in, out, Attributes.of(attrs));
    }

    private static float[] random(Random rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = rnd.nextFloat() * 2 - 1;
        return v;
    }

    private static Model block(int cin, int cmid, int h, int w, int stride, boolean bias, boolean secondReader) {
        Random rnd = new Random(cin * 31 + cmid);
        Map<String, Tensor> inits = new LinkedHashMap<>();
        inits.put("w1", Tensor.of(random(rnd, cmid * cin), cmid, cin, 1, 1));
        inits.put("w2", Tensor.of(random(rnd, cmid * 9), cmid, 1, 3, 3));
        if (bias) {
            inits.put("b1", Tensor.of(random(rnd, cmid), cmid));
            inits.put("b2", Tensor.of(random(rnd, cmid), cmid));
        }
        inits.put("lo", Tensor.scalar(0f));
        inits.put("hi", Tensor.scalar(0.5f));
        List<Node> nodes = new ArrayList<>(List.of(
                node("expand", "Conv", bias ? List.of("x", "w1", "b1") : List.of("x", "w1"), List.of("e"),
                        Attribute.ofInts("kernel_shape", List.of(1L, 1L))),
                node("clip", "Clip", List.of("e", "lo", "hi"), List.of("c")),
                node("dw", "Conv", bias ? List.of("c", "w2", "b2") : List.of("c", "w2"), List.of("d"),
                        Attribute.ofInt("group", cmid), Attribute.ofInts("kernel_shape", List.of(3L, 3L)),
                        Attribute.ofInts("strides", List.of((long) stride, (long) stride)),
                        Attribute.ofInts("pads", List.of(1L, 1L, 1L, 1L))),
                node("relu", "Relu", List.of("d"), List.of("y"))));
        List<ValueInfo> outs = new ArrayList<>(List.of(new ValueInfo("y", Fact.UNKNOWN)));
        if (secondReader) {
            nodes.add(node("neg", "Neg", List.of("c"), List.of("z")));
            outs.add(new ValueInfo("z", Fact.UNKNOWN));
        }
        Graph g = new Graph("g", nodes, List.of(new ValueInfo("x", Fact.of(DType.FLOAT, 1, cin, h, w))), outs, inits, Map.of());
        return new Model("test.onnx", 8, "", "", "", 0, "", Map.of("", 13), Map.of(), g);
    }

    private static boolean fused(Session s) {
        return s.optimizedGraph().nodes().stream().anyMatch(n -> n.opType().equals("FusedPointwiseDepthwise"));
    }

    @Test
    void fusedBlockGivesTheBitsOfTheUnoptimizedGraph() {
        int[][] cases = {{8, 32, 14, 14, 1}, {5, 48, 11, 9, 2}, {16, 96, 28, 28, 2}, {3, 24, 7, 7, 1}};
        for (int[] c : cases) {
            for (boolean bias : new boolean[] {true, false}) {
                Model m = block(c[0], c[1], c[2], c[3], c[4], bias, false);
                Tensor x = Tensor.of(random(new Random(7), c[0] * c[2] * c[3]), 1, c[0], c[2], c[3]);
                float[] want;
                try (Session plain = Session.create(m, SessionOptions.defaults()
                        .withOptimizationLevel(SessionOptions.OptimizationLevel.NONE).withThreads(1))) {
                    want = (float[]) plain.run(Map.of("x", x)).get("y").storage();
                }
                for (int threads : new int[] {1, 2}) {
                    try (Session s = Session.create(m, SessionOptions.defaults().withThreads(threads))) {
                        assertThat(fused(s)).as("case %s", Arrays.toString(c)).isTrue();
                        for (int run = 0; run < 2; run++) {
                            float[] got = (float[]) s.run(Map.of("x", x)).get("y").storage();
                            assertThat(Arrays.equals(got, want)).as("case %s bias %s threads %d", Arrays.toString(c), bias, threads).isTrue();
                        }
                    }
                }
            }
        }
    }

    @Test
    void pointwiseOutputWithAnotherReaderIsNotFused() {
        try (Session s = Session.create(block(8, 32, 7, 7, 1, true, true))) {
            assertThat(fused(s)).isFalse();
        }
    }
}
