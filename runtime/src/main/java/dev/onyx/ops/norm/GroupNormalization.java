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
 * ONNX GroupNormalization: the C channels of X [N, C, D1, ...] are split into {@code num_groups}
 * groups, each normalized over its channels and spatial dims. Opset 18 takes scale and bias per group
 * (shape [num_groups]); opset 21 takes them per channel (shape [C]) and adds {@code stash_type}.
 */
public final class GroupNormalization implements Op {
    private final int groups;
    private final double epsilon;
    private final boolean perChannel;

    private GroupNormalization(int groups, double epsilon, boolean perChannel) {
        this.groups = groups;
        this.epsilon = epsilon;
        this.perChannel = perChannel;
    }

    public static Op create(NodeContext ctx) {
        ctx.expectInputs(3, 3);
        long g = ctx.attrs().requireInt("num_groups");
        if (g <= 0 || g > Integer.MAX_VALUE) throw ctx.invalid("attribute 'num_groups': expected a positive value, got " + g);
        float eps = ctx.attrs().getFloat("epsilon", 1e-5f);
        if (!(eps >= 0)) throw ctx.invalid("attribute 'epsilon': expected a non-negative value, got " + eps);
        if (ctx.opset() >= 21) {
            long st = ctx.attrs().getInt("stash_type", 1);
            var t = st == (int) st ? dev.onyx.tensor.DType.fromOnnx((int) st) : null;
            if (t == null || !t.isFloatingPoint()) throw ctx.invalid("attribute 'stash_type': expected a floating-point type code, got " + st);
        }
        return new GroupNormalization((int) g, eps, ctx.opset() >= 21);
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
        if (c % groups != 0) throw new IllegalArgumentException("num_groups " + groups + " does not divide the " + c + " channels");
        int s = Shapes.product(shape, 2, shape.length);
        int perGroup = c / groups;
        // opset 18 takes [num_groups]; a per-channel [C] parameter is accepted there too
        boolean channelParams = perChannel || inputs.get(1).size() == c;
        int expected = channelParams ? c : groups;
        double[] scale = InstanceNormalization.channelParam(inputs.get(1), expected, "scale");
        double[] bias = InstanceNormalization.channelParam(inputs.get(2), expected, "bias");
        double[] xd = Values.read(x);
        double[] y = new double[xd.length];
        if (perGroup * s > 0) NormKernel.normalizeGroups(xd, y, n * groups, perGroup * s, epsilon, false, null, null);
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                int p = channelParams ? ch : ch / perGroup;
                int off = (i * c + ch) * s;
                for (int k = 0; k < s; k++) y[off + k] = y[off + k] * scale[p] + bias[p];
            }
        }
        return List.of(Values.write(x.dtype(), shape, y));
    }
}
