package dev.onyx.ops.quant;

import dev.onyx.UnsupportedModelException;
import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.ir.Node;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.ops.OpFactory;
import dev.onyx.ops.OpRegistry;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;

import java.util.List;

/**
 * Integer convolution for ConvInteger and QLinearConv: the node's window attributes (auto_pad, dilations, group,
 * kernel_shape, pads, strides) go to the standard Conv op, run in float64 on the zero-point-shifted integers
 * (exact: every partial sum stays far below 2^53), then wrapped to int32.
 */
final class IntConv {
    /** The Conv opset whose attributes match ConvInteger's and QLinearConv's. */
    private static final int CONV_OPSET = 11;

    private final Op conv;

    private IntConv(Op conv) { this.conv = conv; }

    static IntConv create(NodeContext ctx, boolean withBias) {
        Node n = ctx.node();
        List<String> in = withBias ? List.of("x", "w", "b") : List.of("x", "w");
        Node c = new Node(n.name(), "Conv", "", in, List.of("y"), n.attributes());
        OpFactory f = OpRegistry.standard().find("", "Conv", CONV_OPSET);
        if (f == null) throw new UnsupportedModelException("integer convolution needs the Conv operator");
        return new IntConv(f.create(new NodeContext(c, CONV_OPSET)));
    }

    /** Output dims from the facts of x and w (null when unknown). */
    List<Dim> infer(Fact x, Fact w) {
        Fact out = conv.infer(List.of(Fact.of(DType.DOUBLE, x.dims()), Fact.of(DType.DOUBLE, w.dims()))).get(0);
        return out.dims();
    }

    /** The output shape and int32 values (as longs) of conv(x, w) + bias. */
    record Result(int[] shape, long[] values) {}

    Result run(int[] x, int[] xShape, int[] w, int[] wShape, int[] bias) {
        Tensor xt = Tensor.wrap(DType.DOUBLE, xShape, toDoubles(x));
        Tensor wt = Tensor.wrap(DType.DOUBLE, wShape, toDoubles(w));
        List<Tensor> in = bias == null ? List.of(xt, wt)
                : List.of(xt, wt, Tensor.wrap(DType.DOUBLE, new int[] {bias.length}, toDoubles(bias)));
        Tensor y = conv.run(in).get(0);
        double[] d = (double[]) y.storage();
        long[] v = new long[d.length];
        for (int i = 0; i < d.length; i++) v[i] = (int) (long) d[i];
        return new Result(y.shape(), v);
    }

    private static double[] toDoubles(int[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) d[i] = v[i];
        return d;
    }
}
