package dev.onyx.ops.misc;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;

import java.util.List;

/**
 * ONNX HannWindow, HammingWindow and BlackmanWindow (opset 17): a window of the given size, periodic
 * (denominator size, default) or symmetric (size - 1), in output_datatype (default float32).
 */
public final class WindowOp implements Op {
    /** Which window. */
    public enum Kind { HANN, HAMMING, BLACKMAN }

    private final Kind kind;
    private final DType dtype;
    private final boolean periodic;

    private WindowOp(Kind kind, DType dtype, boolean periodic) {
        this.kind = kind;
        this.dtype = dtype;
        this.periodic = periodic;
    }

    static Op create(NodeContext ctx, Kind kind) {
        ctx.expectInputs(1, 1);
        DType t = MiscUtil.dtypeAttr(ctx, "output_datatype", ctx.attrs().getInt("output_datatype", 1), false);
        if (t == DType.BOOL) throw ctx.invalid("attribute 'output_datatype': data type bool is not allowed");
        long p = ctx.attrs().getInt("periodic", 1);
        if (p != 0 && p != 1) throw ctx.invalid("attribute 'periodic': expected 0 or 1, got " + p);
        return new WindowOp(kind, t, p == 1);
    }

    @Override
    public List<Fact> infer(List<Fact> in) {
        Long n = MiscUtil.constLong(in.get(0));
        return List.of(Fact.of(dtype, List.of(n == null ? Dim.UNKNOWN : Dim.of(n))));
    }

    @Override
    public List<Tensor> run(List<Tensor> in) {
        int size = MiscUtil.length(MiscUtil.scalarLong(in.get(0), "size"), "size");
        double[] v = values(kind, size, periodic);
        return List.of(MiscUtil.fromDoubles(dtype, new int[] {size}, v));
    }

    /** The window's values as doubles. */
    public static double[] values(Kind kind, int size, boolean periodic) {
        double[] v = new double[size];
        int denom = periodic ? size : size - 1;
        if (denom <= 0) {
            java.util.Arrays.fill(v, 1.0);
            return v;
        }
        for (int i = 0; i < size; i++) {
            double c = StrictMath.cos(2 * Math.PI * i / denom);
            v[i] = switch (kind) {
                case HANN -> 0.5 - 0.5 * c;
                case HAMMING -> 25.0 / 46.0 - (21.0 / 46.0) * c;
                case BLACKMAN -> 0.42 - 0.5 * c + 0.08 * StrictMath.cos(4 * Math.PI * i / denom);
            };
        }
        return v;
    }
}
