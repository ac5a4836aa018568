package dev.onyx.ops.nn;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.kernel.ConvGeometry;
import dev.onyx.kernel.PoolDouble;
import dev.onyx.kernel.PoolFloat;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.Arrays;
import java.util.List;

/**
 * ONNX MaxPool (opsets 1-25): storage_order and the Indices output from opset 8, ceil_mode and
 * dilations from opset 10; float types, and int8/uint8.
 */
public final class MaxPool extends WindowPool {
    private final boolean columnMajor;
    private final boolean withIndices;
    private final int outputs;

    private MaxPool(Window window, boolean columnMajor, boolean withIndices, int outputs) {
        super("MaxPool", window);
        this.columnMajor = columnMajor;
        this.withIndices = withIndices;
        this.outputs = outputs;
    }

    static Op create(NodeContext ctx) {
        ctx.expectInputs(1, 1);
        int opset = ctx.opset();
        if (ctx.outputCount() > (opset >= 8 ? 2 : 1)) {
            throw ctx.invalid("expected at most " + (opset >= 8 ? 2 : 1) + " outputs at opset " + opset + ", got "
                    + ctx.outputCount());
        }
        long order = opset >= 8 ? ctx.attrs().getInt("storage_order", 0) : 0;
        if (order != 0 && order != 1) throw ctx.invalid("attribute 'storage_order': expected 0 or 1, got " + order);
        Window w = Window.read(ctx, true, opset >= 10, opset >= 10);
        return new MaxPool(w, order == 1, ctx.hasOutput(1), ctx.outputCount());
    }

    @Override
    boolean accepts(DType t) {
        return NnData.isFloat(t) || t == DType.INT8 || t == DType.UINT8;
    }

    @Override
    List<Fact> extraOutputs(List<Dim> dims) {
        return List.of(dims == null ? Fact.unknownShape(DType.INT64) : Fact.of(DType.INT64, dims));
    }

    @Override
    List<Tensor> compute(Tensor x, int[] ys, ConvGeometry g) {
        int planes = planes(ys);
        long[] idx = withIndices ? new long[Shapes.size(ys)] : null;
        Tensor y;
        if (x.dtype() != DType.DOUBLE && g.rank() <= 3) {
            float[] out = dev.onyx.tensor.Buffers.floats(Shapes.size(ys));
            PoolFloat.max(NnData.floats(x), out, idx, planes, g, columnMajor);
            y = NnData.fromFloats(x.dtype(), ys, out);
        } else {
            double[] out = dev.onyx.tensor.Buffers.doubles(Shapes.size(ys));
            PoolDouble.max(NnData.doubles(x), out, idx, planes, g, columnMajor);
            y = NnData.fromDoubles(x.dtype(), ys, out);
        }
        if (outputs < 2) return List.of(y);
        return Arrays.asList(y, withIndices ? Tensor.wrap(DType.INT64, ys, idx) : null);
    }
}
