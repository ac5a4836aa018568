package dev.onyx.ops.norm;

import dev.onyx.InvalidModelException;
import dev.onyx.ir.Fact;
import dev.onyx.kernel.NormKernel;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * ONNX LayerNormalization (opset 17) and RMSNormalization (opset 23): normalizes over the axes from
 * {@code axis} to the last, then applies Scale (and B) broadcast onto X. LayerNormalization can also
 * output Mean and InvStdDev (shape of X with the normalized axes set to 1, type from {@code stash_type}).
 */
public final class LayerNormalization implements Op {
    private final long axis;
    private final double epsilon;
    private final boolean rms;
    private final DType stash;

    private LayerNormalization(long axis, double epsilon, boolean rms, DType stash) {
        this.axis = axis;
        this.epsilon = epsilon;
        this.rms = rms;
        this.stash = stash;
    }

    public static Op create(NodeContext ctx, boolean rms) {
        if (rms) ctx.expectInputs(2, 2);
        else ctx.expectInputs(2, 3);
        if (ctx.outputCount() > (rms ? 1 : 3)) {
            throw ctx.invalid("expected at most " + (rms ? 1 : 3) + " outputs, got " + ctx.outputCount());
        }
        long axis = ctx.attrs().getInt("axis", -1);
        float eps = ctx.attrs().getFloat("epsilon", 1e-5f);
        if (!(eps >= 0)) throw ctx.invalid("attribute 'epsilon': expected a non-negative value, got " + eps);
        long st = ctx.attrs().getInt("stash_type", 1);
        DType stash = DType.fromOnnx((int) st);
        if (st != (int) st || stash == null || !stash.isFloatingPoint()) {
            throw ctx.invalid("attribute 'stash_type': expected a floating-point type code (1, 10, 11 or 16), got " + st);
        }
        return new LayerNormalization(axis, eps, rms, stash);
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        Fact x = inputs.get(0);
        Values.requireFloating(x, "X");
        List<Fact> out = new ArrayList<>();
        out.add(Values.same(x));
        if (rms) return out;
        if (!x.hasRank()) {
            out.add(Fact.unknownShape(stash));
            out.add(Fact.unknownShape(stash));
            return out;
        }
        int a;
        try {
            a = Values.axis(axis, x.rank(), "axis");
        } catch (IllegalArgumentException e) {
            throw new InvalidModelException(e.getMessage());
        }
        Fact stats = Fact.of(stash, Values.onesFrom(x.dims(), a));
        out.add(stats);
        out.add(stats);
        return out;
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        Values.requireFloating(x, "X");
        int[] shape = x.shape();
        int a = Values.axis(axis, shape.length, "axis");
        int outer = Shapes.product(shape, 0, a);
        int n = Shapes.product(shape, a, shape.length);
        double[] xd = Values.read(x);
        double[] y = new double[xd.length];
        double[] mean = new double[outer];
        double[] inv = new double[outer];
        if (n > 0) NormKernel.normalizeGroups(xd, y, outer, n, epsilon, rms, mean, inv);
        else {
            java.util.Arrays.fill(mean, Double.NaN);
            java.util.Arrays.fill(inv, Double.NaN);
        }
        applyAffine(y, shape, inputs.get(1), "Scale", true);
        Tensor b = inputs.size() > 2 ? inputs.get(2) : null;
        if (b != null) applyAffine(y, shape, b, "B", false);
        List<Tensor> out = new ArrayList<>();
        out.add(Values.write(x.dtype(), shape, y));
        if (!rms) {
            int[] sShape = shape.clone();
            for (int i = a; i < sShape.length; i++) sShape[i] = 1;
            out.add(Values.write(stash, sShape, mean));
            out.add(Values.write(stash, sShape, inv));
        }
        return out;
    }

    /** y *= p (or y += p), with p broadcast onto the shape of X. */
    static void applyAffine(double[] y, int[] shape, Tensor p, String what, boolean multiply) {
        Values.requireFloating(p, what);
        int[] ps = p.shape();
        int[] bshape;
        try {
            bshape = Shapes.broadcast(shape, ps);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": shape " + Shapes.toString(ps) + " does not broadcast to X " + Shapes.toString(shape));
        }
        if (!java.util.Arrays.equals(bshape, shape)) {
            throw new IllegalArgumentException(what + ": shape " + Shapes.toString(ps) + " does not broadcast to X " + Shapes.toString(shape));
        }
        double[] pv = Values.read(p);
        int m = pv.length;
        // fast case: p, leading 1s aside, is exactly the trailing dims of X
        if (isSuffix(ps, shape) && m > 0) {
            for (int i = 0; i < y.length; i++) y[i] = multiply ? y[i] * pv[i % m] : y[i] + pv[i % m];
            return;
        }
        int[] st = Shapes.broadcastStrides(ps, shape);
        int rank = shape.length;
        int[] idx = new int[rank];
        int off = 0;
        for (int i = 0; i < y.length; i++) {
            y[i] = multiply ? y[i] * pv[off] : y[i] + pv[off];
            for (int d = rank - 1; d >= 0; d--) {
                idx[d]++;
                off += st[d];
                if (idx[d] < shape[d]) break;
                off -= st[d] * shape[d];
                idx[d] = 0;
            }
        }
    }

    /** True when p, without its leading 1s, equals the trailing dims of shape. */
    private static boolean isSuffix(int[] p, int[] shape) {
        int k = 0;
        while (k < p.length && p[k] == 1) k++;
        int len = p.length - k;
        if (len > shape.length) return false;
        for (int i = 0; i < len; i++) {
            if (p[k + i] != shape[shape.length - len + i]) return false;
        }
        return true;
    }
}
