package dev.onyx.ops.image;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.List;

/** ONNX RoiAlign (opset 10: output_half_pixel; opset 16+: coordinate_transformation_mode): avg or max pooling of bilinear samples. */
public final class RoiAlign implements Op {
    private final boolean max;
    private final int outH, outW;
    private final long samplingRatio;
    private final double spatialScale;
    private final boolean halfPixel;

    private RoiAlign(boolean max, int outH, int outW, long samplingRatio, double spatialScale, boolean halfPixel) {
        this.max = max;
        this.outH = outH;
        this.outW = outW;
        this.samplingRatio = samplingRatio;
        this.spatialScale = spatialScale;
        this.halfPixel = halfPixel;
    }

    static Op create(NodeContext ctx) {
        ctx.expectInputs(3, 3);
        var a = ctx.attrs();
        String mode = a.getString("mode", "avg");
        if (!mode.equals("avg") && !mode.equals("max")) throw ctx.invalid("attribute 'mode': expected avg or max, got '" + mode + "'");
        long oh = a.getInt("output_height", 1), ow = a.getInt("output_width", 1);
        if (oh < 1 || ow < 1 || oh > 1 << 16 || ow > 1 << 16) {
            throw ctx.invalid("attributes 'output_height'/'output_width' must be in [1, 65536], got " + oh + ", " + ow);
        }
        long sr = a.getInt("sampling_ratio", 0);
        if (sr < 0 || sr > 1 << 12) throw ctx.invalid("attribute 'sampling_ratio': expected a value in [0, 4096], got " + sr);
        boolean half = false;
        if (ctx.opset() >= 16) {
            String ct = a.getString("coordinate_transformation_mode", "half_pixel");
            if (!ct.equals("half_pixel") && !ct.equals("output_half_pixel")) {
                throw ctx.invalid("attribute 'coordinate_transformation_mode': expected half_pixel or output_half_pixel, got '" + ct + "'");
            }
            half = ct.equals("half_pixel");
        }
        return new RoiAlign(mode.equals("max"), (int) oh, (int) ow, sr, a.getFloat("spatial_scale", 1f), half);
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        Fact x = inputs.get(0), rois = inputs.get(1), bi = inputs.get(2);
        Dim n = bi.hasRank() && bi.rank() == 1 ? bi.dims().get(0) : rois.hasRank() && rois.rank() == 2 ? rois.dims().get(0) : Dim.UNKNOWN;
        Dim c = x.hasRank() && x.rank() == 4 ? x.dims().get(1) : Dim.UNKNOWN;
        return List.of(Fact.of(x.dtype(), List.of(n, c, Dim.of(outH), Dim.of(outW))));
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor x = inputs.get(0), roisT = inputs.get(1), biT = inputs.get(2);
        if (x.rank() != 4) throw new IllegalArgumentException("X must have rank 4 (N, C, H, W), got shape " + Shapes.toString(x.shape()));
        if (!ImageData.isFloat(x.dtype())) throw new IllegalArgumentException("X must be floating-point, got " + x.dtype());
        if (roisT.rank() != 2 || roisT.dim(1) != 4) throw new IllegalArgumentException("rois must have shape [num_rois, 4], got " + Shapes.toString(roisT.shape()));
        int nr = roisT.dim(0);
        if (biT.rank() != 1 || biT.dim(0) != nr) {
            throw new IllegalArgumentException("batch_indices must have shape [" + nr + "], got " + Shapes.toString(biT.shape()));
        }
        int nb = x.dim(0), c = x.dim(1), h = x.dim(2), w = x.dim(3);
        double[] xd = ImageData.doubles(x);
        double[] rois = ImageData.reals(roisT, "rois");
        long[] bi = ImageData.longs(biT, "batch_indices");
        int[] ys = {nr, c, outH, outW};
        double[] y = new double[Shapes.size(ys)];
        double offset = halfPixel ? 0.5 : 0;
        for (int r = 0; r < nr; r++) {
            long b = bi[r];
            if (b < 0 || b >= nb) throw new IllegalArgumentException("batch_indices[" + r + "] = " + b + " is outside [0, " + nb + ")");
            double sw = rois[r * 4] * spatialScale - offset, sh = rois[r * 4 + 1] * spatialScale - offset;
            double ew = rois[r * 4 + 2] * spatialScale - offset, eh = rois[r * 4 + 3] * spatialScale - offset;
            double rw = ew - sw, rh = eh - sh;
            if (!halfPixel) {
                rw = Math.max(rw, 1.0);
                rh = Math.max(rh, 1.0);
            }
            double bh = rh / outH, bw = rw / outW;
            int gh = (int) (samplingRatio > 0 ? samplingRatio : Math.ceil(rh / outH));
            int gw = (int) (samplingRatio > 0 ? samplingRatio : Math.ceil(rw / outW));
            if ((long) gh * gw > 1 << 24) throw new IllegalArgumentException("roi " + r + " needs too many samples per bin");
            int count = Math.max(gh * gw, 1);
            int samples = gh * gw;
            int[] pos = new int[outH * outW * samples * 4];
            double[] wt = new double[pos.length];
            int k = 0;
            for (int ph = 0; ph < outH; ph++) {
                for (int pw = 0; pw < outW; pw++) {
                    for (int iy = 0; iy < gh; iy++) {
                        double yy = sh + ph * bh + (iy + 0.5) * bh / gh;
                        for (int ix = 0; ix < gw; ix++, k += 4) {
                            double xx = sw + pw * bw + (ix + 0.5) * bw / gw;
                            if (yy < -1.0 || yy > h || xx < -1.0 || xx > w) continue;
                            double yv = Math.max(yy, 0), xv = Math.max(xx, 0);
                            int yl = (int) yv, xl = (int) xv, yhi, xhi;
                            if (yl >= h - 1) {
                                yhi = yl = h - 1;
                                yv = yl;
                            } else {
                                yhi = yl + 1;
                            }
                            if (xl >= w - 1) {
                                xhi = xl = w - 1;
                                xv = xl;
                            } else {
                                xhi = xl + 1;
                            }
                            double ly = yv - yl, lx = xv - xl, hy = 1 - ly, hx = 1 - lx;
                            pos[k] = yl * w + xl;
                            pos[k + 1] = yl * w + xhi;
                            pos[k + 2] = yhi * w + xl;
                            pos[k + 3] = yhi * w + xhi;
                            wt[k] = hy * hx;
                            wt[k + 1] = hy * lx;
                            wt[k + 2] = ly * hx;
                            wt[k + 3] = ly * lx;
                        }
                    }
                }
            }
            for (int ch = 0; ch < c; ch++) {
                int xo = (int) ((b * c + ch) * h * w);
                int yo = (r * c + ch) * outH * outW;
                int p = 0;
                for (int bin = 0; bin < outH * outW; bin++) {
                    double v = 0;
                    for (int s = 0; s < samples; s++, p += 4) {
                        if (max) {
                            double m = Math.max(Math.max(wt[p] * xd[xo + pos[p]], wt[p + 1] * xd[xo + pos[p + 1]]),
                                    Math.max(wt[p + 2] * xd[xo + pos[p + 2]], wt[p + 3] * xd[xo + pos[p + 3]]));
                            v = s == 0 ? m : Math.max(v, m);
                        } else {
                            v += wt[p] * xd[xo + pos[p]] + wt[p + 1] * xd[xo + pos[p + 1]]
                                    + wt[p + 2] * xd[xo + pos[p + 2]] + wt[p + 3] * xd[xo + pos[p + 3]];
                        }
                    }
                    y[yo + bin] = max ? v : v / count;
                }
            }
        }
        return List.of(ImageData.fromDoubles(x.dtype(), ys, y));
    }
}
