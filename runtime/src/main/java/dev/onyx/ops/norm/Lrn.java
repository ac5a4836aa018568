package dev.onyx.ops.norm;

import dev.onyx.InvalidModelException;
import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.List;

/**
 * ONNX LRN (local response normalization across channels):
 * {@code y = x / (bias + alpha / size * sum(x[c']^2))^beta}, c' from c - floor((size-1)/2) to
 * c + ceil((size-1)/2), clipped to the channels.
 */
public final class Lrn implements Op {
    private final int size;
    private final double alpha;
    private final double beta;
    private final double bias;

    private Lrn(int size, double alpha, double beta, double bias) {
        this.size = size;
        this.alpha = alpha;
        this.beta = beta;
        this.bias = bias;
    }

    public static Op create(NodeContext ctx) {
        ctx.expectInputs(1, 1);
        long size = ctx.attrs().requireInt("size");
        if (size <= 0 || size > Integer.MAX_VALUE) throw ctx.invalid("attribute 'size': expected a positive value, got " + size);
        float alpha = ctx.attrs().getFloat("alpha", 1e-4f);
        float beta = ctx.attrs().getFloat("beta", 0.75f);
        float bias = ctx.attrs().getFloat("bias", 1.0f);
        return new Lrn((int) size, alpha, beta, bias);
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        Fact x = inputs.get(0);
        Values.requireFloating(x, "X");
        if (x.hasRank() && x.rank() < 2) throw new InvalidModelException("X: expected rank >= 2 (N, C, ...), got rank " + x.rank());
        return List.of(Values.same(x));
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        Values.requireFloating(x, "X");
        int[] shape = x.shape();
        if (shape.length < 2) throw new IllegalArgumentException("X: expected rank >= 2 (N, C, ...), got rank " + shape.length);
        int n = shape[0];
        int c = shape[1];
        int s = Shapes.product(shape, 2, shape.length);
        int before = (size - 1) / 2;
        int after = size - 1 - before;
        double[] xd = Values.read(x);
        double[] y = new double[xd.length];
        double k = alpha / size;
        for (int i = 0; i < n; i++) {
            int base = i * c * s;
            for (int ch = 0; ch < c; ch++) {
                int lo = Math.max(0, ch - before);
                int hi = Math.min(c - 1, ch + after);
                for (int p = 0; p < s; p++) {
                    double sum = 0;
                    for (int q = lo; q <= hi; q++) {
                        double v = xd[base + q * s + p];
                        sum += v * v;
                    }
                    int at = base + ch * s + p;
                    y[at] = xd[at] / StrictMath.pow(bias + k * sum, beta);
                }
            }
        }
        return List.of(Values.write(x.dtype(), shape, y));
    }
}
