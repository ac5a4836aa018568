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
 * A SqueezeNet fire module's tail (a 1x1 and a 3x3 convolution of one input, each with Relu, concatenated on the
 * channels): the optimizer makes it one FusedConvConcat node whose output is bit for bit the unoptimized graph's,
 * at 1 and 2 threads, for one image (slices written in place) and two (convolutions, then a copy); a convolution
 * output read elsewhere stays unfused.
 */
class ConvConcatNodeTest {
    private static Node node(String name, String op, List<String> in, List<String> out, Attribute... attrs) {
        return new Node(name, op, "", in, out, Attributes.of(attrs));
    }

    private static float[] random(Random rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = rnd.nextFloat() * 2 - 1;
        return v;
    }

    private static Model fire(int cin, int m1, int m3, int h, int w, boolean bias, boolean secondReader) {
        Random rnd = new Random(cin * 31 + m1 + m3);
        Map<String, Tensor> inits = new LinkedHashMap<>();
        inits.put("w1", Tensor.of(random(rnd, m1 * cin), m1, cin, 1, 1));
        inits.put("w3", Tensor.of(random(rnd, m3 * cin * 9), m3, cin, 3, 3));
        if (bias) {
            inits.put("b1", Tensor.of(random(rnd, m1), m1));
            inits.put("b3", Tensor.of(random(rnd, m3), m3));
        }
        List<Node> nodes = new ArrayList<>(List.of(
                node("e1", "Conv", bias ? List.of("x", "w1", "b1") : List.of("x", "w1"), List.of("a"),
                        Attribute.ofInts("kernel_shape", List.of(1L, 1L))),
                node("r1", "Relu", List.of("a"), List.of("ra")),
                node("e3", "Conv", bias ? List.of("x", "w3", "b3") : List.of("x", "w3"), List.of("b"),
                        Attribute.ofInts("kernel_shape", List.of(3L, 3L)), Attribute.ofInts("pads", List.of(1L, 1L, 1L, 1L))),
                node("r3", "Relu", List.of("b"), List.of("rb")),
                node("cat", "Concat", List.of("ra", "rb"), List.of("y"), Attribute.ofInt("axis", 1))));
        List<ValueInfo> outs = new ArrayList<>(List.of(new ValueInfo("y", Fact.UNKNOWN)));
        if (secondReader) {
            nodes.add(node("neg", "Neg", List.of("ra"), List.of("z")));
            outs.add(new ValueInfo("z", Fact.UNKNOWN));
        }
        Graph g = new Graph("g", nodes, List.of(new ValueInfo("x", Fact.of(DType.FLOAT, -1, cin, h, w))), outs, inits, Map.of());
        return new Model("test.onnx", 8, "", "", "", 0, "", Map.of("", 13), Map.of(), g);
    }

    private static boolean fused(Session s) {
        return s.optimizedGraph().nodes().stream().anyMatch(n -> n.opType().equals("FusedConvConcat"));
    }

    @Test
    void fusedConcatGivesTheBitsOfTheUnoptimizedGraph() {
        int[][] cases = {{16, 64, 64, 13, 13}, {8, 16, 24, 9, 11}, {32, 48, 40, 27, 27}};
        for (int[] c : cases) {
            for (int batch : new int[] {1, 2}) {
                for (boolean bias : new boolean[] {true, false}) {
                    Model m = fire(c[0], c[1], c[2], c[3], c[4], bias, false);
                    Tensor x = Tensor.of(random(new Random(7), batch * c[0] * c[3] * c[4]), batch, c[0], c[3], c[4]);
                    Tensor want;
                    try (Session plain = Session.create(m, SessionOptions.defaults()
                            .withOptimizationLevel(SessionOptions.OptimizationLevel.NONE).withThreads(1))) {
                        want = plain.run(Map.of("x", x)).get("y");
                    }
                    assertThat(want.shape()).containsExactly(batch, c[1] + c[2], c[3], c[4]);
                    for (int threads : new int[] {1, 2}) {
                        try (Session s = Session.create(m, SessionOptions.defaults().withThreads(threads))) {
                            assertThat(fused(s)).as("case %s", Arrays.toString(c)).isTrue();
                            for (int run = 0; run < 2; run++) {
                                Tensor got = s.run(Map.of("x", x)).get("y");
                                assertThat(got.shape()).containsExactly(want.shape());
                                assertThat(Arrays.equals((float[]) got.storage(), (float[]) want.storage()))
                                        .as("case %s batch %d bias %s threads %d", Arrays.toString(c), batch, bias, threads).isTrue();
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void convolutionOutputWithAnotherReaderIsNotFused() {
        try (Session s = Session.create(fire(8, 16, 16, 7, 7, true, true))) {
            assertThat(fused(s)).isFalse();
        }
    }
}
