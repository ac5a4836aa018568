package dev.onyx.ops.norm;

import dev.onyx.ir.Fact;
import dev.onyx.kernel.ReduceKernel;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.Tensor;

import java.util.List;

/**
 * ONNX MeanVarianceNormalization: {@code y = (x - mean) / (sqrt(var) + 1e-9)} with mean and
 * population variance taken over {@code axes} (default [0, 2, 3]).
 */
public final class MeanVarianceNormalization implements Op {
    private static final double EPSILON = 1e-9;
    private final long[] axes;

    private MeanVarianceNormalization(long[] axes) { this.axes = axes; }

    public static Op create(NodeContext ctx) {
        ctx.expectInputs(1, 1);
        long[] axes = ctx.attrs().getInts("axes");
        if (axes == null) axes = new long[] {0, 2, 3};
        for (int i = 0; i < axes.length; i++) {
            for (int j = i + 1; j < axes.length; j++) {
                if (axes[i] == axes[j]) throw ctx.invalid("attribute 'axes': axis " + axes[i] + " is repeated");
            }
        }
        return new MeanVarianceNormalization(axes);
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        Values.requireFloating(inputs.get(0), "X");
        return List.of(Values.same(inputs.get(0)));
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        Values.requireFloating(x, "X");
        int[] shape = x.shape();
        boolean[] red = new boolean[shape.length];
        long count = 1;
        for (long a : axes) {
            int k = Values.axis(a, shape.length, "axes: axis");
            if (red[k]) throw new IllegalArgumentException("axes: axis " + a + " is repeated");
            red[k] = true;
            count *= shape[k];
        }
        int slots = count == 0 ? 0 : (int) (x.size() / count);
        if (count == 0) {
            slots = 1;
            for (int i = 0; i < shape.length; i++) if (!red[i]) slots *= shape[i];
        }
        int[] map = ReduceKernel.slots(shape, red);
        double[] xd = Values.read(x);
        double[] mean = new double[slots];
        ReduceKernel.reduce(ReduceKernel.Kind.MEAN, xd, map, mean, count);
        double[] var = new double[slots];
        for (int i = 0; i < xd.length; i++) {
            double d = xd[i] - mean[map[i]];
            var[map[i]] += d * d;
        }
        double[] std = new double[slots];
        for (int j = 0; j < slots; j++) std[j] = Math.sqrt(var[j] / count) + EPSILON;
        double[] y = new double[xd.length];
        for (int i = 0; i < xd.length; i++) y[i] = (xd[i] - mean[map[i]]) / std[map[i]];
        return List.of(Values.write(x.dtype(), shape, y));
    }
}
