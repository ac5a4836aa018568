package dev.onyx.ops.image;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/** ONNX AffineGrid (opset 20+): the sampling grid [N, (D,) H, W, 2|3] of affine matrices theta over a normalized base grid. */
public final class AffineGrid implements Op {
    private final boolean alignCorners;

    private AffineGrid(boolean alignCorners) {
        this.alignCorners = alignCorners;
    }

    static Op create(NodeContext ctx) {
        ctx.expectInputs(2, 2);
        long ac = ctx.attrs().getInt("align_corners", 0);
        if (ac != 0 && ac != 1) throw ctx.invalid("attribute 'align_corners': expected 0 or 1, got " + ac);
        return new AffineGrid(ac == 1);
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        Fact theta = inputs.get(0), size = inputs.get(1);
        if (size.constant() == null) {
            if (size.isStatic() && size.rank() == 1) {
                int n = size.staticShape()[0];
                List<Dim> d = new ArrayList<>();
                for (int i = 0; i < n - 1; i++) d.add(Dim.UNKNOWN);
                d.add(Dim.of(n - 2));
                return List.of(Fact.of(theta.dtype(), d));
            }
            return List.of(Fact.unknownShape(theta.dtype()));
        }
        long[] s = ImageData.longs(size.constant(), "size");
        List<Dim> d = new ArrayList<>();
        d.add(Dim.of(s[0]));
        for (int i = 2; i < s.length; i++) d.add(Dim.of(s[i]));
        d.add(Dim.of(s.length - 2));
        return List.of(Fact.of(theta.dtype(), d));
    }

    private double base(int i, int len) {
        if (alignCorners) return len == 1 ? -1 : -1 + 2.0 * i / (len - 1);
        return (2.0 * i + 1) / len - 1;
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor thetaT = inputs.get(0);
        long[] s = ImageData.longs(inputs.get(1), "size");
        if (s.length != 4 && s.length != 5) throw new IllegalArgumentException("size must have 4 or 5 values, got " + s.length);
        int r = s.length - 2;
        int n = (int) s[0];
        if (thetaT.rank() != 3 || thetaT.dim(0) != n || thetaT.dim(1) != r || thetaT.dim(2) != r + 1) {
            throw new IllegalArgumentException("theta must have shape [" + n + ", " + r + ", " + (r + 1) + "], got " + Shapes.toString(thetaT.shape()));
        }
        double[] theta = ImageData.reals(thetaT, "theta");
        int[] sp = new int[r];
        for (int i = 0; i < r; i++) {
            if (s[i + 2] < 0 || s[i + 2] > Integer.MAX_VALUE) throw new IllegalArgumentException("invalid size " + s[i + 2]);
            sp[i] = (int) s[i + 2];
        }
        int[] ys = new int[r + 2];
        ys[0] = n;
        System.arraycopy(sp, 0, ys, 1, r);
        ys[r + 1] = r;
        double[] y = new double[Shapes.size(ys)];
        int pts = Shapes.size(sp);
        int[] idx = new int[r];
        double[] coord = new double[r + 1];
        for (int b = 0; b < n; b++) {
            java.util.Arrays.fill(idx, 0);
            for (int p = 0; p < pts; p++) {
                // coord = (x along last axis, y, [z], 1)
                for (int k = 0; k < r; k++) coord[k] = base(idx[r - 1 - k], sp[r - 1 - k]);
                coord[r] = 1;
                int tOff = b * r * (r + 1), yOff = (b * pts + p) * r;
                for (int row = 0; row < r; row++) {
                    double v = 0;
                    for (int k = 0; k <= r; k++) v += theta[tOff + row * (r + 1) + k] * coord[k];
                    y[yOff + row] = v;
                }
                for (int d = r - 1; d >= 0; d--) {
                    if (++idx[d] < sp[d]) break;
                    idx[d] = 0;
                }
            }
        }
        return List.of(ImageData.fromDoubles(thetaT.dtype(), ys, y));
    }
}
