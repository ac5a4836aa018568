package dev.onyx.ops.nn;

import dev.onyx.ir.Attribute;
import dev.onyx.kernel.ConvGeometry;
import dev.onyx.kernel.PoolDouble;
import dev.onyx.kernel.PoolFloat;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;

import java.util.List;

/**
 * ONNX LpPool (opsets 1-25): (sum |x|^p)^(1/p) over each window; p is a float at opset 1 and an int
 * from opset 2; ceil_mode and dilations from opset 18.
 */
public final class LpPool extends WindowPool {
    private final double p;

    private LpPool(Window window, double p) {
        super("LpPool", window);
        this.p = p;
    }

    static Op create(NodeContext ctx) {
        ctx.expectInputs(1, 1);
        int opset = ctx.opset();
        return new LpPool(Window.read(ctx, true, opset >= 18, opset >= 18), readP(ctx));
    }

    /** The 'p' attribute (float at opset 1, int later; either kind is accepted), default 2; must be positive. */
    static double readP(NodeContext ctx) {
        Attribute a = ctx.attrs().get("p");
        double p = 2;
        if (a != null) {
            p = a.kind() == Attribute.Kind.INT ? ctx.attrs().getInt("p", 2) : ctx.attrs().getFloat("p", 2f);
        }
        if (!(p > 0) || Double.isInfinite(p)) throw ctx.invalid("attribute 'p': expected a positive value, got " + p);
        return p;
    }

    @Override
    boolean accepts(DType t) { return NnData.isFloat(t); }

    @Override
    List<Tensor> compute(Tensor x, int[] ys, ConvGeometry g) {
        return pool(x, ys, g, (in, out, planes, geo) -> PoolFloat.lp(in, out, planes, geo, p),
                (in, out, planes, geo) -> PoolDouble.lp(in, out, planes, geo, p));
    }
}
