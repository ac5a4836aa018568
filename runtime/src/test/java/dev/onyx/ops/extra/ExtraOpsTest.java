package dev.onyx.ops.extra;

import dev.onyx.InvalidModelException;
import dev.onyx.ir.Attribute;
import dev.onyx.ir.Attributes;
import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.ir.Node;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.ops.OpFactory;
import dev.onyx.ops.OpRegistry;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ExtraOpsTest {
    /** Builds the op from the standard registry; empty names in inputs mark absent optional inputs. */
    static Op op(String domain, String type, int opset, List<String> inputs, int outputs, Attribute... attrs) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < outputs; i++) out.add("o" + i);
        Node node = new Node("n", type, domain, inputs, out, Attributes.of(attrs));
        OpFactory f = OpRegistry.standard().find(domain, type, opset);
        if (f == null) throw new AssertionError("no " + type + " at opset " + opset);
        return f.create(new NodeContext(node, opset));
    }

    static Attribute ints(String name, long... v) {
        List<Long> l = new ArrayList<>();
        for (long x : v) l.add(x);
        return Attribute.ofInts(name, l);
    }

    static void close(Tensor t, double... expected) {
        assertThat(t.size()).isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(t.getDouble(i)).as("element " + i).isCloseTo(expected[i], within(1e-5 + 1e-4 * Math.abs(expected[i])));
        }
    }

    // ---- CausalConvWithState ----

    private static Tensor convX() { return Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 1, 2, 3); }
    private static Tensor convW() { return Tensor.of(new float[] {0.5f, -1, 2, 0.25f}, 2, 1, 2); }

    @Test
    void causalConvWithBiasAndPastState() {
        Op op = op("", "CausalConvWithState", 27, List.of("x", "w", "b", "p"), 2);
        List<Tensor> r = op.run(List.of(convX(), convW(), Tensor.of(new float[] {0.1f, -0.2f}, 2), Tensor.of(new float[] {7, 8}, 1, 2, 1)));
        assertThat(r.get(0).shape()).containsExactly(1, 2, 3);
        close(r.get(0), 2.6, -1.4, -1.9, 16.8, 9.05, 11.3);
        assertThat(r.get(1).shape()).containsExactly(1, 2, 1);
        assertThat(r.get(1).floats()).containsExactly(3f, 6f);
    }

    @Test
    void causalConvSiluAndZeroState() {
        Op silu = op("", "CausalConvWithState", 27, List.of("x", "w", "b", "p"), 2, Attribute.ofString("activation", "swish"));
        List<Tensor> r = silu.run(List.of(convX(), convW(), Tensor.of(new float[] {0.1f, -0.2f}, 2), Tensor.of(new float[] {7, 8}, 1, 2, 1)));
        close(r.get(0), 2.4202401071, -0.2769425560, -0.2472061013, 16.7999991505, 9.0489377358, 11.2998601877);
        // no past state: zero padding, so the first step sees only w[1] * x[0]
        Op plain = op("", "CausalConvWithState", 27, List.of("x", "w"), 2);
        List<Tensor> z = plain.run(Arrays.asList(convX(), convW()));
        close(z.get(0), -1, -1.5, -2, 1, 9.25, 11.5);
        // kernel size one: empty state
        Op k1 = op("", "CausalConvWithState", 27, List.of("x", "w"), 2);
        List<Tensor> e = k1.run(List.of(convX(), Tensor.of(new float[] {2, 3}, 2, 1, 1)));
        close(e.get(0), 2, 4, 6, 12, 15, 18);
        assertThat(e.get(1).shape()).containsExactly(1, 2, 0);
    }

    @Test
    void causalConvFloat16AndInfer() {
        Op op = op("", "CausalConvWithState", 27, List.of("x", "w"), 2);
        Tensor x = convX().castTo(DType.FLOAT16);
        List<Tensor> r = op.run(List.of(x, convW().castTo(DType.FLOAT16)));
        assertThat(r.get(0).dtype()).isEqualTo(DType.FLOAT16);
        close(r.get(0), -1, -1.5, -2, 1, 9.25, 11.5);
        List<Fact> f = op.infer(List.of(Fact.of(DType.FLOAT, List.of(Dim.symbol("B"), Dim.of(2), Dim.symbol("L"))),
                Fact.of(DType.FLOAT, 2, 1, 4)));
        assertThat(f.get(0).dims()).containsExactly(Dim.symbol("B"), Dim.of(2), Dim.symbol("L"));
        assertThat(f.get(1).dims()).containsExactly(Dim.symbol("B"), Dim.of(2), Dim.of(3));
    }

    @Test
    void causalConvRejectsBadInputs() {
        assertThatThrownBy(() -> op("", "CausalConvWithState", 27, List.of("x", "w"), 2, Attribute.ofString("activation", "relu")))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("relu");
        Op op = op("", "CausalConvWithState", 27, List.of("x", "w", "", "p"), 2);
        assertThatThrownBy(() -> op.run(Arrays.asList(convX(), convW(), null, Tensor.of(new float[] {1, 2, 3, 4}, 1, 2, 2))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("past_state must have shape [1, 2, 1]");
        assertThatThrownBy(() -> op.run(Arrays.asList(convX(), Tensor.of(new float[] {1, 2, 3}, 3, 1, 1), null, null)))
                .hasMessageContaining("weight must have shape");
    }

    // ---- LinearAttention ----

    private static final Tensor Q = Tensor.of(new float[] {1, 0.5f, -1, 2, 0.2f, 0.3f, 1, -0.5f}, 1, 2, 4);
    private static final Tensor K = Tensor.of(new float[] {0.5f, 1, -1, 0.25f}, 1, 2, 2);
    private static final Tensor V = Tensor.of(new float[] {2, -1, 0.5f, 3}, 1, 2, 2);

    @Test
    void linearAttentionGatedDeltaWithGroupedHeadsAndPast() {
        Op op = op("", "LinearAttention", 27, List.of("q", "k", "v", "p", "d", "b"), 2,
                Attribute.ofInt("q_num_heads", 2), Attribute.ofInt("kv_num_heads", 1));
        List<Tensor> r = op.run(List.of(Q, K, V, Tensor.of(new float[] {0.1f, 0.2f, 0.3f, 0.4f}, 1, 1, 2, 2),
                Tensor.of(new float[] {-0.1f, -0.5f}, 1, 2, 1), Tensor.of(new float[] {0.8f, 0.3f}, 1, 2, 1)));
        assertThat(r.get(0).shape()).containsExactly(1, 2, 4);
        close(r.get(0), 1.1121763497, -0.5656854249, 1.7482416088, -0.8485281374,
                0.2546716905, -0.2135751199, -0.1907329638, -0.6869960848);
        assertThat(r.get(1).shape()).containsExactly(1, 1, 2, 2);
        close(r.get(1), 0.2478973402, -1.1062204243, 1.0352689688, -0.2693224877);
    }

    @Test
    void linearAttentionLinearRuleWithScale() {
        Op op = op("", "LinearAttention", 27, List.of("q", "k", "v"), 2, Attribute.ofInt("q_num_heads", 2),
                Attribute.ofInt("kv_num_heads", 1), Attribute.ofString("update_rule", "linear"), Attribute.ofFloat("scale", 0.5f));
        List<Tensor> r = op.run(List.of(Q, K, V));
        close(r.get(0), 1.0, -0.5, 1.5, -0.75, 0.36875, -0.3875, -0.28125, -1.6875);
        close(r.get(1), 0.5, -3.5, 2.125, -0.25);
        // float16 in, float16 out (state too when there is no past state)
        List<Tensor> h = op.run(List.of(Q.castTo(DType.FLOAT16), K.castTo(DType.FLOAT16), V.castTo(DType.FLOAT16)));
        assertThat(h.get(0).dtype()).isEqualTo(DType.FLOAT16);
        assertThat(h.get(1).dtype()).isEqualTo(DType.FLOAT16);
        close(h.get(1), 0.5, -3.5, 2.125, -0.25);
    }

    @Test
    void linearAttentionInferAndChecks() {
        Op op = op("", "LinearAttention", 27, List.of("q", "k", "v", "", "d"), 2, Attribute.ofInt("q_num_heads", 4),
                Attribute.ofInt("kv_num_heads", 2), Attribute.ofString("update_rule", "gated"));
        List<Fact> f = op.infer(Arrays.asList(Fact.of(DType.FLOAT, List.of(Dim.symbol("B"), Dim.symbol("T"), Dim.of(32))),
                Fact.of(DType.FLOAT, List.of(Dim.symbol("B"), Dim.symbol("T"), Dim.of(16))),
                Fact.of(DType.FLOAT, List.of(Dim.symbol("B"), Dim.symbol("T"), Dim.of(12))), null,
                Fact.of(DType.FLOAT, List.of(Dim.symbol("B"), Dim.symbol("T"), Dim.of(2)))));
        assertThat(f.get(0).dims()).containsExactly(Dim.symbol("B"), Dim.symbol("T"), Dim.of(24));
        assertThat(f.get(1).dims()).containsExactly(Dim.symbol("B"), Dim.of(2), Dim.of(8), Dim.of(6));
        assertThatThrownBy(() -> op("", "LinearAttention", 27, List.of("q", "k", "v"), 2, Attribute.ofInt("q_num_heads", 3),
                Attribute.ofInt("kv_num_heads", 2), Attribute.ofString("update_rule", "linear")))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("multiple");
        assertThatThrownBy(() -> op("", "LinearAttention", 27, List.of("q", "k", "v"), 2, Attribute.ofInt("q_num_heads", 2),
                Attribute.ofInt("kv_num_heads", 1)))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("requires the decay input");
        Op gated = op("", "LinearAttention", 27, List.of("q", "k", "v", "", "d"), 2, Attribute.ofInt("q_num_heads", 2),
                Attribute.ofInt("kv_num_heads", 1), Attribute.ofString("update_rule", "gated"));
        assertThatThrownBy(() -> gated.run(Arrays.asList(Q, K, V, null, Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 1, 2, 3))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("decay last dim 3");
    }

    // ---- TreeEnsemble ----

    private static Op tree(long aggregate, long post, Attribute... extra) {
        List<Attribute> a = new ArrayList<>(List.of(
                Attribute.ofInt("aggregate_function", aggregate), Attribute.ofInt("post_transform", post),
                ints("leaf_targetids", 0, 1, 0, 1),
                Attribute.ofTensor("leaf_weights", Tensor.of(new double[] {5.23, 12.12, -12.23, 7.21}, 4)),
                Attribute.ofInt("n_targets", 2), ints("nodes_falseleafs", 0, 1, 1), ints("nodes_falsenodeids", 2, 2, 3),
                ints("nodes_featureids", 0, 0, 0),
                Attribute.ofTensor("nodes_modes", Tensor.ofBytes(DType.UINT8, new byte[] {0, 0, 0}, 3)),
                Attribute.ofTensor("nodes_splits", Tensor.of(new double[] {3.14, 1.2, 4.2}, 3)),
                ints("nodes_trueleafs", 0, 1, 1), ints("nodes_truenodeids", 1, 0, 1), ints("tree_roots", 0)));
        a.addAll(List.of(extra));
        return op(ExtraOps.ML, "TreeEnsemble", 5, List.of("x"), 1, a.toArray(Attribute[]::new));
    }

    @Test
    void treeEnsembleSingleTree() {
        // the ONNX single_tree case: x <= 3.14 ? (x <= 1.2 ? leaf0 : leaf1) : (x <= 4.2 ? leaf1 : leaf3)
        Tensor y = tree(1, 0).run(List.of(Tensor.of(new double[] {1.2, 3.4, -0.12, 1.66, 4.14, 1.77}, 3, 2))).get(0);
        assertThat(y.dtype()).isEqualTo(DType.DOUBLE);
        assertThat(y.shape()).containsExactly(3, 2);
        close(y, 5.23, 0, 5.23, 0, 0, 12.12);
        // logistic post transform on the same scores
        Tensor l = tree(1, 2).run(List.of(Tensor.of(new double[] {1.2, 5}, 2, 1))).get(0);
        close(l, 1 / (1 + Math.exp(-5.23)), 0.5, 0.5, 1 / (1 + Math.exp(-7.21)));
        // softmax
        Tensor s = tree(1, 1).run(List.of(Tensor.of(new double[] {1.2}, 1, 1))).get(0);
        close(s, Math.exp(5.23) / (Math.exp(5.23) + 1), 1 / (Math.exp(5.23) + 1));
    }

    @Test
    void treeEnsembleMembershipMissingAndAggregates() {
        // two single-node trees reading feature 0 and 1; MIN/MAX aggregate over a shared target
        Op set = op(ExtraOps.ML, "TreeEnsemble", 5, List.of("x"), 1, Attribute.ofInt("aggregate_function", 2),
                ints("leaf_targetids", 0, 0, 0, 0),
                Attribute.ofTensor("leaf_weights", Tensor.of(new float[] {1, 2, 3, 4}, 4)), Attribute.ofInt("n_targets", 1),
                ints("nodes_falseleafs", 1, 1), ints("nodes_falsenodeids", 1, 3), ints("nodes_featureids", 0, 1),
                Attribute.ofTensor("nodes_modes", Tensor.ofBytes(DType.UINT8, new byte[] {6, 3}, 2)),
                Attribute.ofTensor("nodes_splits", Tensor.of(new float[] {Float.NaN, 0.5f}, 2)),
                Attribute.ofTensor("membership_values", Tensor.of(new float[] {2, 7, Float.NaN}, 3)),
                ints("nodes_missing_value_tracks_true", 0, 1),
                ints("nodes_trueleafs", 1, 1), ints("nodes_truenodeids", 0, 2), ints("tree_roots", 0, 1));
        // rows: member & >0.5 -> min(1,3); not member & NaN (tracks true) -> min(2,3); member & <=0.5 -> min(1,4)
        Tensor y = set.run(List.of(Tensor.of(new float[] {7, 1, 5, Float.NaN, 2, 0}, 3, 2))).get(0);
        assertThat(y.dtype()).isEqualTo(DType.FLOAT);
        close(y, 1, 2, 1);
        // AVERAGE divides by the tree count
        Tensor avg = tree(0, 0, ints("tree_roots", 0, 0)).run(List.of(Tensor.of(new float[] {1f}, 1, 1))).get(0);
        close(avg, 5.23, 0);
        // MAX leaves untouched targets at the lowest float
        Tensor max = tree(3, 0).run(List.of(Tensor.of(new float[] {1f}, 1, 1))).get(0);
        close(max, 5.23, -Float.MAX_VALUE);
        assertThat(tree(1, 0).infer(List.of(Fact.of(DType.FLOAT, List.of(Dim.symbol("N"), Dim.of(2))))).get(0).dims())
                .containsExactly(Dim.symbol("N"), Dim.of(2));
    }

    @Test
    void treeEnsembleRejectsBadAttributes() {
        assertThatThrownBy(() -> tree(1, 0, ints("tree_roots", 7))).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("tree_roots[0] = 7");
        assertThatThrownBy(() -> tree(1, 0, ints("nodes_truenodeids", 1, 9, 1))).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("nodes_truenodeids[1] = 9");
        assertThatThrownBy(() -> tree(5, 0)).isInstanceOf(InvalidModelException.class).hasMessageContaining("aggregate_function");
        assertThatThrownBy(() -> tree(1, 0).run(List.of(Tensor.of(new float[] {1}, 1, 0))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(TreeEnsemble.erfInv(0)).isCloseTo(0, within(1e-9));
        assertThat(TreeEnsemble.erfInv(0.5)).isCloseTo(0.4769362762, within(2e-3));
    }
}
