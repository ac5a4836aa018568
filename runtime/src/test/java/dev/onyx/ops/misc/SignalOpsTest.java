package dev.onyx.ops.misc;

import dev.onyx.ir.Attribute;
import dev.onyx.ir.Fact;
import dev.onyx.kernel.DftKernel;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static dev.onyx.ops.misc.Harness.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignalOpsTest {
    @Test
    void kernelMatchesNumpyForPowerOfTwoAndOtherLengths() {
        double[] re = {1, 2, 3, 4}, im = new double[4];
        new DftKernel(4).transform(re, im, false);
        assertThat(re).containsExactly(new double[] {10, -2, -2, -2}, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(im).containsExactly(new double[] {0, 2, 0, -2}, org.assertj.core.api.Assertions.within(1e-12));
        double[] r5 = {1, 2, 3, 4, 5}, i5 = new double[5];
        new DftKernel(5).transform(r5, i5, false);
        assertThat(r5).containsExactly(new double[] {15, -2.5, -2.5, -2.5, -2.5}, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(i5).containsExactly(new double[] {0, 3.440955, 0.812299, -0.812299, -3.440955}, org.assertj.core.api.Assertions.within(1e-6));
        // inverse (unscaled) brings back n * x
        new DftKernel(5).transform(r5, i5, true);
        assertThat(r5).containsExactly(new double[] {5, 10, 15, 20, 25}, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void dftOpset20RealInputAlongAxis1() {
        Op op = op("DFT", 20, 3);
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 1, 4, 1);
        Tensor y = run1(op, x, null, scalar(1));
        assertThat(y.shape()).containsExactly(1, 4, 2);
        close(y, 10, 0, -2, 2, -2, 0, -2, -2);
        // default axis is -2: the same axis here
        close(run1(op, x, null, null), 10, 0, -2, 2, -2, 0, -2, -2);
    }

    @Test
    void dftOnesidedAndInverseRealRoundTrip() {
        Tensor x = Tensor.of(new double[] {0.5, -1, 2, 3, 1, 0.25}, 1, 6, 1);
        Tensor r = run1(op("DFT", 17, 1, Attribute.ofInt("onesided", 1)), x);
        assertThat(r.shape()).containsExactly(1, 4, 2);
        assertThat(r.dtype()).isEqualTo(DType.DOUBLE);
        close(r, 5.75, 0, -4.375, 0.216506, 2.375, 1.948557, 1.25, 0);
        Tensor back = run1(op("DFT", 20, 1, Attribute.ofInt("onesided", 1), Attribute.ofInt("inverse", 1)), r);
        assertThat(back.shape()).containsExactly(1, 6, 1);
        close(back, 0.5, -1, 2, 3, 1, 0.25);
    }

    @Test
    void dftLengthPadsAndInverseScales() {
        Tensor x = Tensor.of(new float[] {1, 0, 2, 0}, 1, 2, 2); // complex 1, 2
        Tensor y = run1(op("DFT", 17, 2), x, Tensor.of(new long[] {4}, 1));
        assertThat(y.shape()).containsExactly(1, 4, 2);
        close(y, 3, 0, 1, -2, -1, 0, 1, 2);
        Tensor inv = run1(op("DFT", 17, 1, Attribute.ofInt("inverse", 1)), y);
        close(inv, 1, 0, 2, 0, 0, 0, 0, 0);
        Fact f = op("DFT", 17, 2).infer(Arrays.asList(Fact.of(DType.FLOAT, 1, 2, 2), Fact.constant(Tensor.of(new long[] {4}, 1)))).get(0);
        assertThat(f.staticShape()).containsExactly(1, 4, 2);
    }

    @Test
    void dftRejectsBadAxisAndLastDim() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 1, 4, 1);
        assertThatThrownBy(() -> run1(op("DFT", 20, 3), x, null, scalar(2))).hasMessageContaining("axis 2");
        assertThatThrownBy(() -> run1(op("DFT", 20, 1), Tensor.of(new float[] {1, 2, 3}, 1, 1, 3))).hasMessageContaining("1 or 2");
    }

    @Test
    void stftFramesAndWindow() {
        // signal 0..7, frames of 4 every 2: 3 frames; onesided 3 bins
        float[] s = new float[8];
        for (int i = 0; i < 8; i++) s[i] = i;
        Tensor y = run1(op("STFT", 17, 4), Tensor.of(s, 1, 8, 1), scalar(2), null, scalar(4));
        assertThat(y.shape()).containsExactly(1, 3, 3, 2);
        // frame [0,1,2,3]: X0 = 6, X1 = -2+2i, X2 = -2
        close(Tensor.of(Arrays.copyOf(y.floats(), 6), 6), 6, 0, -2, 2, -2, 0);
        Tensor w = Tensor.of(new float[] {0, 1, 1, 0}, 4);
        Tensor yw = run1(op("STFT", 17, 3, Attribute.ofInt("onesided", 0)), Tensor.of(s, 1, 8, 1), scalar(2), w);
        assertThat(yw.shape()).containsExactly(1, 3, 4, 2);
        // frame 1 is [2,3,4,5] windowed to [0,3,4,0]: X0 = 7, X1 = -4i... = 3*(-i) + 4*(-1) = -4-3i
        float[] v = yw.floats();
        assertThat(v[8]).isEqualTo(7f);
        assertThat(v[10]).isEqualTo(-4f);
        assertThat(v[11]).isEqualTo(-3f);
    }

    @Test
    void windows() {
        close(run1(op("HannWindow", 17, 1), scalar(4)), 0, 0.5, 1, 0.5);
        close(run1(op("HannWindow", 17, 1, Attribute.ofInt("periodic", 0)), scalar(5)), 0, 0.5, 1, 0.5, 0);
        close(run1(op("HammingWindow", 17, 1, Attribute.ofInt("periodic", 0)), scalar(5)), 0.086957, 0.543478, 1, 0.543478, 0.086957);
        close(run1(op("BlackmanWindow", 17, 1, Attribute.ofInt("periodic", 0)), scalar(5)), 0, 0.34, 1, 0.34, 0);
        Tensor d = run1(op("HannWindow", 17, 1, Attribute.ofInt("output_datatype", 11)), Tensor.of(new int[] {2}));
        assertThat(d.dtype()).isEqualTo(DType.DOUBLE);
        close(d, 0, 1);
        Fact f = op("HannWindow", 17, 1).infer(List.of(Fact.constant(scalar(7)))).get(0);
        assertThat(f.staticShape()).containsExactly(7);
    }

    @Test
    void melWeightMatrixMatchesReference() {
        // num_mel_bins 2, dft_length 8, sample_rate 8, edges 0..4: bins at floor(9*hz/8)
        Tensor m = run1(op("MelWeightMatrix", 17, 5), scalar(2), scalar(8), scalar(8),
                Tensor.scalar(0f), Tensor.scalar(4f));
        assertThat(m.shape()).containsExactly(5, 2);
        // mel points: 0, 1.0227, 2.0556, 3.0989 Hz -> 4 equal mel steps of 2595*log10(1+4/700)/4
        double hi = 2595 * Math.log10(1 + 4.0 / 700);
        int[] f = new int[4];
        for (int i = 0; i < 4; i++) f[i] = (int) Math.floor(9 * 700 * (Math.pow(10, i * hi / 4 / 2595) - 1) / 8);
        assertThat(f).containsExactly(0, 1, 2, 3);
        close(m, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0);
    }
}
