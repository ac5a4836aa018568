package dev.onyx.ops.norm;

import dev.onyx.InvalidModelException;
import dev.onyx.ir.Fact;
import dev.onyx.kernel.NormKernel;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.List;

/**
 * ONNX InstanceNormalization: each (n, c) slice of X [N, C, D1, ...] is normalized over its spatial
 * dims, then scaled and shifted per channel: {@code y = scale[c] * (x - mean) / sqrt(var + epsilon) + B[c]}.
 */
public final class InstanceNormalization implements Op {
    private final double epsilon;

    private InstanceNormalization(double epsilon) { this.epsilon = epsilon; }

    public static Op create(NodeContext ctx) {
        ctx.expectInputs(3, 3);
        if (ctx.opset() < 6) ctx.attrs().getInts("consumed_inputs"); // accepted, only checks its kind
        float eps = ctx.attrs().getFloat("epsilon", 1e-5f);
        if (!(eps >= 0)) throw ctx.invalid("attribute 'epsilon': expected a non-negative value, got " + eps);
        return new InstanceNormalization(eps);
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        Fact x = inputs.get(0);
        Values.requireFloating(x, "input");
        if (x.hasRank() && x.rank() < 2) throw new InvalidModelException("input: expected rank >= 2 (N, C, ...), got rank " + x.rank());
        return List.of(Values.same(x));
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        Values.requireFloating(x, "input");
        int[] shape = x.shape();
        if (shape.length < 2) throw new IllegalArgumentException("input: expected rank >= 2 (N, C, ...), got rank " + shape.length);
        int n = shape[0];
        int c = shape[1];
        int s = Shapes.product(shape, 2, shape.length);
        double[] scale = channelParam(inputs.get(1), c, "scale");
        double[] bias = channelParam(inputs.get(2), c, "B");
        double[] xd = Values.read(x);
        double[] y = new double[xd.length];
        if (s > 0) NormKernel.normalizeGroups(xd, y, n * c, s, epsilon, false, null, null);
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                int off = (i * c + ch) * s;
                for (int k = 0; k < s; k++) y[off + k] = y[off + k] * scale[ch] + bias[ch];
            }
        }
        return List.of(Values.write(x.dtype(), shape, y));
    }

    /** A per-channel parameter of exactly c values. */
    static double[] channelParam(Tensor p, int c, String what) {
        Values.requireFloating(p, what);
        if (p.size() != c) throw new IllegalArgumentException(what + ": expected " + c + " values (one per channel), got " + p.size());
        return Values.read(p);
    }
}
