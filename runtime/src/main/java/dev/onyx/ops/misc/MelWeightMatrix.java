package dev.onyx.ops.misc;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;

import java.util.List;

/**
 * ONNX MelWeightMatrix (opset 17): the [dft_length/2+1, num_mel_bins] matrix of triangular mel-scale
 * filters between lower_edge_hertz and upper_edge_hertz, in output_datatype (default float32).
 */
public final class MelWeightMatrix implements Op {
    private final DType dtype;

    private MelWeightMatrix(DType dtype) { this.dtype = dtype; }

    static Op create(NodeContext ctx) {
        ctx.expectInputs(5, 5);
        DType t = MiscUtil.dtypeAttr(ctx, "output_datatype", ctx.attrs().getInt("output_datatype", 1), false);
        if (t == DType.BOOL) throw ctx.invalid("attribute 'output_datatype': data type bool is not allowed");
        return new MelWeightMatrix(t);
    }

    @Override
    public List<Fact> infer(List<Fact> in) {
        Long mel = MiscUtil.constLong(in.get(0));
        Long dft = MiscUtil.constLong(in.get(1));
        return List.of(Fact.of(dtype, List.of(dft == null ? Dim.UNKNOWN : Dim.of(dft / 2 + 1), MiscUtil.dim(mel))));
    }

    @Override
    public List<Tensor> run(List<Tensor> in) {
        long melL = MiscUtil.scalarLong(in.get(0), "num_mel_bins");
        long dftL = MiscUtil.scalarLong(in.get(1), "dft_length");
        long rate = MiscUtil.scalarLong(in.get(2), "sample_rate");
        double lower = MiscUtil.scalarDouble(in.get(3), "lower_edge_hertz");
        double upper = MiscUtil.scalarDouble(in.get(4), "upper_edge_hertz");
        if (melL < 1) throw new IllegalArgumentException("num_mel_bins must be positive, got " + melL);
        if (dftL < 1) throw new IllegalArgumentException("dft_length must be positive, got " + dftL);
        if (rate < 1) throw new IllegalArgumentException("sample_rate must be positive, got " + rate);
        if (!(lower >= 0 && lower <= upper)) {
            throw new IllegalArgumentException("expected 0 <= lower_edge_hertz <= upper_edge_hertz, got " + lower + " and " + upper);
        }
        int mel = MiscUtil.length(melL, "num_mel_bins");
        int bins = MiscUtil.length(dftL / 2 + 1, "dft_length");
        if ((long) bins * mel > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("output of " + bins + " x " + mel + " is too large");
        double lowMel = 2595 * StrictMath.log10(1 + lower / 700);
        double highMel = 2595 * StrictMath.log10(1 + upper / 700);
        double melStep = (highMel - lowMel) / (mel + 2);
        int[] f = new int[mel + 2];
        for (int i = 0; i < f.length; i++) {
            double hz = 700 * (StrictMath.pow(10, (i * melStep + lowMel) / 2595) - 1);
            f[i] = (int) Math.floor((dftL + 1) * hz / rate);
        }
        double[] out = new double[bins * mel];
        for (int i = 0; i < mel; i++) {
            int lo = f[i], center = f[i + 1], hi = f[i + 2];
            if (lo < 0 || hi >= bins && hi > center) {
                throw new IllegalArgumentException("mel bin " + i + " spans spectrogram bins " + lo + ".." + hi
                        + ", outside [0, " + bins + ")");
            }
            if (center == lo) {
                if (center < bins) out[center * mel + i] = 1;
            } else {
                for (int j = lo; j <= center && j < bins; j++) out[j * mel + i] = (double) (j - lo) / (center - lo);
            }
            if (hi > center) {
                for (int j = center; j < hi; j++) out[j * mel + i] = (double) (hi - j) / (hi - center);
            }
        }
        return List.of(MiscUtil.fromDoubles(dtype, new int[] {bins, mel}, out));
    }
}
