package dev.onyx.ops.misc;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * ONNX Multinomial (opset 7): sample_size class indices per row of [batch, classes] unnormalized
 * log-probabilities, as int32 (default) or int64. Seeded runs repeat; the session never folds it.
 */
public final class Multinomial implements Op {
    private final DType dtype;
    private final int samples;
    private final Float seed;

    private Multinomial(DType dtype, int samples, Float seed) {
        this.dtype = dtype;
        this.samples = samples;
        this.seed = seed;
    }

    static Op create(NodeContext ctx) {
        ctx.expectInputs(1, 1);
        long code = ctx.attrs().getInt("dtype", 6);
        DType t = DType.fromOnnx((int) code);
        if (t != DType.INT32 && t != DType.INT64) throw ctx.invalid("attribute 'dtype': expected int32 or int64, got " + DType.onnxName((int) code));
        long n = ctx.attrs().getInt("sample_size", 1);
        if (n < 0 || n > Integer.MAX_VALUE / 2) throw ctx.invalid("attribute 'sample_size': " + n + " is out of range");
        return new Multinomial(t, (int) n, RandomOps.seed(ctx));
    }

    @Override
    public List<Fact> infer(List<Fact> in) {
        Fact x = in.get(0);
        Dim b = x.hasRank() && x.rank() == 2 ? x.dims().get(0) : Dim.UNKNOWN;
        return List.of(Fact.of(dtype, List.of(b, Dim.of(samples))));
    }

    @Override
    public List<Tensor> run(List<Tensor> in) {
        Tensor x = in.get(0);
        MiscUtil.requireFloat(x, "input");
        int[] s = x.shape();
        if (s.length != 2) throw new IllegalArgumentException("Multinomial takes [batch, classes], got " + Shapes.toString(s));
        int batch = s[0], k = s[1];
        if (k < 1) throw new IllegalArgumentException("Multinomial needs at least one class");
        DoubleSupplier u = RandomOps.uniform(seed);
        Tensor.Writer w = new Tensor.Writer(dtype, new int[] {batch, samples});
        double[] cdf = new double[k];
        for (int b = 0; b < batch; b++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) max = Math.max(max, x.getDouble(b * k + j));
            double sum = 0;
            for (int j = 0; j < k; j++) {
                sum += StrictMath.exp(x.getDouble(b * k + j) - max);
                cdf[j] = sum;
            }
            for (int i = 0; i < samples; i++) {
                double r = u.getAsDouble() * sum;
                int j = 0;
                while (j < k - 1 && cdf[j] <= r) j++;
                w.setLong(b * samples + i, j);
            }
        }
        return List.of(w.done());
    }
}
