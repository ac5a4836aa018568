package dev.onyx.ops.nn;

import dev.onyx.kernel.ConvGeometry;
import dev.onyx.kernel.PoolDouble;
import dev.onyx.kernel.PoolFloat;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;

import java.util.List;

/**
 * ONNX AveragePool (opsets 1-25): count_include_pad from opset 7, ceil_mode from opset 10,
 * dilations from opset 19; float types.
 */
public final class AveragePool extends WindowPool {
    private final boolean countIncludePad;

    private AveragePool(Window window, boolean countIncludePad) {
        super("AveragePool", window);
        this.countIncludePad = countIncludePad;
    }

    static Op create(NodeContext ctx) {
        ctx.expectInputs(1, 1);
        int opset = ctx.opset();
        long cip = opset >= 7 ? ctx.attrs().getInt("count_include_pad", 0) : 0;
        if (cip != 0 && cip != 1) throw ctx.invalid("attribute 'count_include_pad': expected 0 or 1, got " + cip);
        return new AveragePool(Window.read(ctx, true, opset >= 19, opset >= 10), cip == 1);
    }

    @Override
    boolean accepts(DType t) { return NnData.isFloat(t); }

    @Override
    List<Tensor> compute(Tensor x, int[] ys, ConvGeometry g) {
        return pool(x, ys, g, (in, out, planes, geo) -> PoolFloat.average(in, out, planes, geo, countIncludePad),
                (in, out, planes, geo) -> PoolDouble.average(in, out, planes, geo, countIncludePad));
    }
}
