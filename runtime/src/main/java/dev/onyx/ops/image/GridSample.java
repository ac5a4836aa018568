package dev.onyx.ops.image;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.kernel.GridSampleKernel;
import dev.onyx.kernel.GridSampleKernel.Mode;
import dev.onyx.kernel.GridSampleKernel.Padding;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** ONNX GridSample (opset 16: 2-D bilinear/nearest/bicubic; opset 20+: N-D linear/nearest/cubic). */
public final class GridSample implements Op {
    private final Mode mode;
    private final Padding padding;
    private final boolean alignCorners;
    private final boolean only2d;

    private GridSample(Mode mode, Padding padding, boolean alignCorners, boolean only2d) {
        this.mode = mode;
        this.padding = padding;
        this.alignCorners = alignCorners;
        this.only2d = only2d;
    }

    static Op create(NodeContext ctx) {
        ctx.expectInputs(2, 2);
        var a = ctx.attrs();
        boolean v16 = ctx.opset() < 20;
        String m = a.getString("mode", v16 ? "bilinear" : "linear");
        Mode mode = switch (m) {
            case "bilinear", "linear" -> Mode.LINEAR;
            case "nearest" -> Mode.NEAREST;
            case "bicubic", "cubic" -> Mode.CUBIC;
            default -> throw ctx.invalid("attribute 'mode': expected " + (v16 ? "bilinear, nearest or bicubic" : "linear, nearest or cubic")
                    + ", got '" + m + "'");
        };
        String p = a.getString("padding_mode", "zeros");
        Padding padding = switch (p) {
            case "zeros" -> Padding.ZEROS;
            case "border" -> Padding.BORDER;
            case "reflection" -> Padding.REFLECTION;
            default -> throw ctx.invalid("attribute 'padding_mode': expected zeros, border or reflection, got '" + p + "'");
        };
        long ac = a.getInt("align_corners", 0);
        if (ac != 0 && ac != 1) throw ctx.invalid("attribute 'align_corners': expected 0 or 1, got " + ac);
        return new GridSample(mode, padding, ac == 1, v16);
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        Fact x = inputs.get(0), g = inputs.get(1);
        if (!x.hasRank() && !g.hasRank()) return List.of(Fact.unknownShape(x.dtype()));
        List<Dim> dims = new ArrayList<>();
        int rank = x.hasRank() ? x.rank() : g.rank();
        dims.add(x.hasRank() ? x.dims().get(0) : g.dims().get(0));
        dims.add(x.hasRank() ? x.dims().get(1) : Dim.UNKNOWN);
        for (int i = 2; i < rank; i++) dims.add(g.hasRank() && g.rank() == rank ? g.dims().get(i - 1) : Dim.UNKNOWN);
        return List.of(Fact.of(x.dtype(), dims));
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor x = inputs.get(0), g = inputs.get(1);
        int rank = x.rank();
        if (rank < 3 || (only2d && rank != 4)) {
            throw new IllegalArgumentException("input X must have rank " + (only2d ? "4" : ">= 3") + ", got shape " + Shapes.toString(x.shape()));
        }
        int r = rank - 2;
        int[] gs = g.shape();
        if (gs.length != rank || gs[0] != x.dim(0) || gs[rank - 1] != r) {
            throw new IllegalArgumentException("grid must have shape [" + x.dim(0) + ", D1_out.." + ", " + r + "] for X of shape "
                    + Shapes.toString(x.shape()) + ", got " + Shapes.toString(gs));
        }
        if (!ImageData.isFloat(g.dtype())) throw new IllegalArgumentException("grid must be floating-point, got " + g.dtype());
        if (!x.dtype().isFloatingPoint() && !x.dtype().isInteger()) throw new IllegalArgumentException("X must be numeric, got " + x.dtype());
        int[] ys = new int[rank];
        ys[0] = x.dim(0);
        ys[1] = x.dim(1);
        System.arraycopy(gs, 1, ys, 2, r);
        int outSize = Shapes.product(gs, 1, rank - 1);
        double[] y = new double[Shapes.size(ys)];
        if (y.length > 0) {
            GridSampleKernel.run(ImageData.doubles(x), ImageData.doubles(g), y, x.dim(0), x.dim(1), Arrays.copyOfRange(x.shape(), 2, rank),
                    outSize, mode, padding, alignCorners);
        }
        return List.of(ImageData.fromDoubles(x.dtype(), ys, y));
    }
}
