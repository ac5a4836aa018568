package dev.onyx.ops.shape;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.kernel.Copy;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.List;

/**
 * ONNX DepthToSpace (DCR or CRD mode from opset 11) and SpaceToDepth on [N, C, H, W] inputs: a
 * reshape to 6-D, a transpose and a reshape back.
 */
public final class DepthToSpace implements Op {
    private final int block;
    private final boolean crd;
    private final boolean toSpace;

    private DepthToSpace(int block, boolean crd, boolean toSpace) {
        this.block = block;
        this.crd = crd;
        this.toSpace = toSpace;
    }

    static Op createDepthToSpace(NodeContext ctx) {
        ctx.expectInputs(1, 1);
        String mode = ctx.opset() >= 11 ? ctx.attrs().getString("mode", "DCR") : "DCR";
        if (!mode.equals("DCR") && !mode.equals("CRD")) throw ctx.invalid("attribute 'mode': unknown mode '" + mode + "'");
        return new DepthToSpace(blocksize(ctx), mode.equals("CRD"), true);
    }

    static Op createSpaceToDepth(NodeContext ctx) {
        ctx.expectInputs(1, 1);
        return new DepthToSpace(blocksize(ctx), false, false);
    }

    private static int blocksize(NodeContext ctx) {
        if (!ctx.attrs().has("blocksize")) throw ctx.invalid("missing required attribute 'blocksize'");
        long b = ctx.attrs().requireInt("blocksize");
        if (b < 1 || b > 1 << 15) throw ctx.invalid("attribute 'blocksize': invalid value " + b);
        return (int) b;
    }

    private long[] outShape(long n, long c, long h, long w) {
        long bb = (long) block * block;
        if (toSpace) {
            if (c >= 0 && c % bb != 0) {
                throw new IllegalArgumentException("channels " + c + " are not a multiple of blocksize^2 = " + bb);
            }
            return new long[] {n, c < 0 ? -1 : c / bb, h < 0 ? -1 : h * block, w < 0 ? -1 : w * block};
        }
        if (h >= 0 && h % block != 0 || w >= 0 && w % block != 0) {
            throw new IllegalArgumentException("height " + h + " and width " + w + " must be multiples of blocksize " + block);
        }
        return new long[] {n, c < 0 ? -1 : c * bb, h < 0 ? -1 : h / block, w < 0 ? -1 : w / block};
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        Fact x = inputs.get(0);
        if (!x.hasRank()) return List.of(Fact.of(x.dtype(), ShapeUtil.unknownDims(4)));
        if (x.rank() != 4) throw new IllegalArgumentException("expected a 4-D input, got rank " + x.rank());
        List<Dim> d = x.dims();
        long[] o = outShape(d.get(0).value(), d.get(1).value(), d.get(2).value(), d.get(3).value());
        return List.of(Fact.of(x.dtype(), List.of(d.get(0), ShapeUtil.dimOrUnknown(o[1]),
                ShapeUtil.dimOrUnknown(o[2]), ShapeUtil.dimOrUnknown(o[3]))));
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        if (x.rank() != 4) throw new IllegalArgumentException("expected a 4-D input, got shape " + Shapes.toString(x.shape()));
        int n = x.dim(0), c = x.dim(1), h = x.dim(2), w = x.dim(3), b = block;
        long[] o = outShape(n, c, h, w);
        int[] out = ShapeUtil.shape(o, toSpace ? "DepthToSpace" : "SpaceToDepth");
        int[] view;
        int[] perm;
        if (toSpace) {
            int c2 = c / (b * b);
            view = crd ? new int[] {n, c2, b, b, h, w} : new int[] {n, b, b, c2, h, w};
            perm = crd ? new int[] {0, 1, 4, 2, 5, 3} : new int[] {0, 3, 4, 1, 5, 2};
        } else {
            view = new int[] {n, c, h / b, b, w / b, b};
            perm = new int[] {0, 3, 5, 1, 2, 4};
        }
        int[] vs = Shapes.strides(view);
        int[] shape6 = new int[6];
        int[] strides6 = new int[6];
        for (int i = 0; i < 6; i++) {
            shape6[i] = view[perm[i]];
            strides6[i] = vs[perm[i]];
        }
        if (Shapes.size(out) == 0) return List.of(Tensor.zeros(x.dtype(), out));
        return List.of(Tensor.wrap(x.dtype(), out, Copy.strided(x.storage(), 0, shape6, strides6)));
    }
}
