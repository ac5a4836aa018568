package dev.onyx.ops.seq;

import dev.onyx.InvalidModelException;
import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static dev.onyx.ops.seq.RecurrentFixtures.*;
import static dev.onyx.ops.seq.SeqTesting.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecurrentTest {
    private static final int SEQ = 3, BATCH = 2, IN = 2, H = 2;

    @Test
    void lstmBidirectionalWithLengthsInitialStatesAndPeepholes() {
        Tensor lens = Tensor.of(new int[] {3, 1}, 2);
        List<Tensor> out = run("LSTM", 14, 3, in(Tensor.of(LSTM_BI_X, SEQ, BATCH, IN), Tensor.of(LSTM_BI_W, 2, 4 * H, IN),
                        Tensor.of(LSTM_BI_R, 2, 4 * H, H), Tensor.of(LSTM_BI_B, 2, 8 * H), lens, Tensor.of(LSTM_BI_H0, 2, BATCH, H),
                        Tensor.of(LSTM_BI_C0, 2, BATCH, H), Tensor.of(LSTM_BI_P, 2, 3 * H)),
                s("direction", "bidirectional"), i("hidden_size", H));
        close(out.get(0), LSTM_BI_Y, SEQ, 2, BATCH, H);
        close(out.get(1), LSTM_BI_YH, 2, BATCH, H);
        close(out.get(2), LSTM_BI_YC, 2, BATCH, H);
        // steps past a sequence's end are zero in Y
        assertThat(out.get(0).get(2, 0, 1, 0)).isZero();
    }

    @Test
    void lstmInputForgetClipAndCustomActivations() {
        float[] w = Arrays.copyOf(LSTM_BI_W, 4 * H * IN), r = Arrays.copyOf(LSTM_BI_R, 4 * H * H), b = Arrays.copyOf(LSTM_BI_B, 8 * H);
        List<Tensor> out = run("LSTM", 7, 3, in(Tensor.of(LSTM_BI_X, SEQ, BATCH, IN), Tensor.of(w, 1, 4 * H, IN),
                        Tensor.of(r, 1, 4 * H, H), Tensor.of(b, 1, 8 * H)),
                i("input_forget", 1), f("clip", 0.5f), strs("activations", "HardSigmoid", "Softsign", "Elu"),
                floats("activation_alpha", 0.3f, 0.5f), floats("activation_beta", 0.4f));
        close(out.get(0), LSTM_IF_Y, SEQ, 1, BATCH, H);
        close(out.get(1), LSTM_IF_YH, 1, BATCH, H);
        close(out.get(2), LSTM_IF_YC, 1, BATCH, H);
    }

    @Test
    void gruReverseLinearBeforeResetBatchMajorLayout() {
        List<Tensor> out = run("GRU", 14, 2, in(Tensor.of(GRU_REV_X, BATCH, SEQ, IN), Tensor.of(GRU_REV_W, 1, 3 * H, IN),
                        Tensor.of(GRU_REV_R, 1, 3 * H, H), Tensor.of(GRU_REV_B, 1, 6 * H), null, Tensor.of(GRU_REV_H0, BATCH, 1, H)),
                s("direction", "reverse"), i("linear_before_reset", 1), i("layout", 1));
        close(out.get(0), GRU_REV_Y, BATCH, SEQ, 1, H);
        close(out.get(1), GRU_REV_YH, BATCH, 1, H);
    }

    @Test
    void gruForwardWithSequenceLengthsInDouble() {
        float[] h0 = (float[]) dev.onyx.kernel.Transpose.apply(GRU_REV_H0, new int[] {BATCH, 1, H}, new int[] {1, 0, 2});
        List<Tensor> out = run("GRU", 7, 2, in(Tensor.of(LSTM_BI_X, SEQ, BATCH, IN).castTo(DType.DOUBLE),
                Tensor.of(GRU_REV_W, 1, 3 * H, IN).castTo(DType.DOUBLE), Tensor.of(GRU_REV_R, 1, 3 * H, H).castTo(DType.DOUBLE),
                Tensor.of(GRU_REV_B, 1, 6 * H).castTo(DType.DOUBLE), Tensor.of(new int[] {2, 3}, 2),
                Tensor.of(h0, 1, BATCH, H).castTo(DType.DOUBLE)));
        assertThat(out.get(0).dtype()).isEqualTo(DType.DOUBLE);
        close(out.get(0), GRU_FWD_Y, SEQ, 1, BATCH, H);
        close(out.get(1), GRU_FWD_YH, 1, BATCH, H);
    }

    @Test
    void rnnBidirectionalPerDirectionActivationsAndClip() {
        List<Tensor> out = run("RNN", 22, 2, in(Tensor.of(LSTM_BI_X, SEQ, BATCH, IN), Tensor.of(RNN_BI_W, 2, H, IN),
                        Tensor.of(RNN_BI_R, 2, H, H), Tensor.of(RNN_BI_B, 2, 2 * H)),
                s("direction", "bidirectional"), strs("activations", "LeakyRelu", "Tanh"), floats("activation_alpha", 0.3f),
                f("clip", 0.4f));
        close(out.get(0), RNN_BI_Y, SEQ, 2, BATCH, H);
        close(out.get(1), RNN_BI_YH, 2, BATCH, H);
    }

    @Test
    void float16InputsComputeAndRoundBack() {
        Tensor x = Tensor.of(LSTM_BI_X, SEQ, BATCH, IN).castTo(DType.FLOAT16);
        List<Tensor> out = run("RNN", 14, 2, in(x, Tensor.of(RNN_BI_W, 2, H, IN).castTo(DType.FLOAT16),
                        Tensor.of(RNN_BI_R, 2, H, H).castTo(DType.FLOAT16), Tensor.of(RNN_BI_B, 2, 2 * H).castTo(DType.FLOAT16)),
                s("direction", "bidirectional"), strs("activations", "LeakyRelu", "Tanh"), floats("activation_alpha", 0.3f),
                f("clip", 0.4f));
        assertThat(out.get(0).dtype()).isEqualTo(DType.FLOAT16);
        for (int k = 0; k < RNN_BI_Y.length; k++) assertThat(out.get(0).getDouble(k)).isCloseTo(RNN_BI_Y[k], org.assertj.core.data.Offset.offset(5e-3));
    }

    @Test
    void onlyRequestedOutputsAreProduced() {
        var node = new dev.onyx.ir.Node("n", "RNN", "", List.of("x", "w", "r"), List.of("", "yh"), dev.onyx.ir.Attributes.EMPTY);
        var op = dev.onyx.ops.OpRegistry.standard().find("", "RNN", 14).create(new dev.onyx.ops.NodeContext(node, 14));
        List<Tensor> out = op.run(List.of(Tensor.of(new float[] {1f}, 1, 1, 1), Tensor.of(new float[] {0.5f}, 1, 1, 1),
                Tensor.of(new float[] {0f}, 1, 1, 1)));
        assertThat(out.get(0)).isNull();
        assertThat(out.get(1).getDouble(0)).isCloseTo(Math.tanh(0.5), org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void infersShapesForBothLayouts() {
        var op = create("LSTM", 14, dummies(3), 3, s("direction", "bidirectional"), i("hidden_size", 5), i("layout", 1));
        List<Fact> f = op.infer(List.of(Fact.of(DType.FLOAT, List.of(Dim.symbol("B"), Dim.of(7), Dim.of(3))),
                Fact.of(DType.FLOAT, 2, 20, 3), Fact.of(DType.FLOAT, 2, 20, 5)));
        assertThat(f.get(0).describe()).isEqualTo("float32 [B,7,2,5]");
        assertThat(f.get(1).describe()).isEqualTo("float32 [B,2,5]");
        assertThat(f.get(2).describe()).isEqualTo("float32 [B,2,5]");
        var gru = create("GRU", 7, dummies(3), 1);
        assertThat(gru.infer(List.of(Fact.of(DType.DOUBLE, 4, 2, 3), Fact.of(DType.DOUBLE, 1, 9, 3), Fact.of(DType.DOUBLE, 1, 9, 3)))
                .get(0).describe()).isEqualTo("float64 [4,1,2,3]");
    }

    @Test
    void rejectsBadAttributesAndShapes() {
        Tensor[] three = dummies(3);
        assertThatThrownBy(() -> create("LSTM", 14, three, 1, s("direction", "sideways")))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("direction");
        assertThatThrownBy(() -> create("GRU", 14, three, 1, strs("activations", "Sigmoid", "Nope")))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("Nope");
        assertThatThrownBy(() -> create("RNN", 14, three, 1, strs("activations", "Tanh", "Tanh", "Tanh")))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("expected 1 names");
        assertThatThrownBy(() -> run("RNN", 14, 1, in(Tensor.zeros(DType.FLOAT, 2, 1, 3), Tensor.zeros(DType.FLOAT, 1, 4, 2),
                Tensor.zeros(DType.FLOAT, 1, 4, 4)))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("input W");
        assertThatThrownBy(() -> run("RNN", 14, 1, in(Tensor.zeros(DType.FLOAT, 2, 1, 3), Tensor.zeros(DType.FLOAT, 1, 4, 3),
                Tensor.zeros(DType.FLOAT, 1, 4, 4), null, Tensor.of(new int[] {5}, 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sequence_lens");
    }
}
