package dev.onyx.ops.norm;

import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.List;

/**
 * ONNX LpNormalization: divides each slice along {@code axis} (default -1) by its L1 or L2 norm
 * ({@code p} = 1 or 2, default 2); a slice whose norm is 0 becomes 0.
 */
public final class LpNormalization implements Op {
    private final long axis;
    private final int p;

    private LpNormalization(long axis, int p) {
        this.axis = axis;
        this.p = p;
    }

    public static Op create(NodeContext ctx) {
        ctx.expectInputs(1, 1);
        long axis = ctx.attrs().getInt("axis", -1);
        long p = ctx.attrs().getInt("p", 2);
        if (p != 1 && p != 2) throw ctx.invalid("attribute 'p': expected 1 or 2, got " + p);
        return new LpNormalization(axis, (int) p);
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        Values.requireFloating(inputs.get(0), "input");
        return List.of(Values.same(inputs.get(0)));
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        Values.requireFloating(x, "input");
        int[] shape = x.shape();
        int a = Values.axis(axis, shape.length, "axis");
        int outer = Shapes.product(shape, 0, a);
        int n = shape[a];
        int inner = Shapes.product(shape, a + 1, shape.length);
        double[] xd = Values.read(x);
        double[] y = new double[xd.length];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int off = o * n * inner + i;
                double norm = 0;
                for (int k = 0; k < n; k++) {
                    double v = xd[off + k * inner];
                    norm += p == 1 ? Math.abs(v) : v * v;
                }
                if (p == 2) norm = Math.sqrt(norm);
                for (int k = 0; k < n; k++) y[off + k * inner] = norm == 0 ? 0 : xd[off + k * inner] / norm;
            }
        }
        return List.of(Values.write(x.dtype(), shape, y));
    }
}
