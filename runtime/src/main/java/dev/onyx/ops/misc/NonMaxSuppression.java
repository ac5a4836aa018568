package dev.onyx.ops.misc;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * ONNX NonMaxSuppression (opsets 10, 11): per batch and class, greedily keeps the highest-scoring boxes
 * above score_threshold, dropping boxes whose IoU with a kept one exceeds iou_threshold, at most
 * max_output_boxes_per_class of them; boxes are corners [y1, x1, y2, x2] (either order) or, with
 * center_point_box=1, [x_center, y_center, width, height]. Output: int64 [n, 3] of (batch, class, box).
 */
public final class NonMaxSuppression implements Op {
    private final boolean center;

    private NonMaxSuppression(boolean center) { this.center = center; }

    static Op create(NodeContext ctx) {
        ctx.expectInputs(2, 5);
        long c = ctx.attrs().getInt("center_point_box", 0);
        if (c != 0 && c != 1) throw ctx.invalid("attribute 'center_point_box': expected 0 or 1, got " + c);
        return new NonMaxSuppression(c == 1);
    }

    @Override
    public List<Fact> infer(List<Fact> in) {
        return List.of(Fact.of(DType.INT64, List.of(Dim.UNKNOWN, Dim.of(3))));
    }

    private static Tensor opt(List<Tensor> in, int i) { return in.size() > i ? in.get(i) : null; }

    @Override
    public List<Tensor> run(List<Tensor> in) {
        Tensor boxes = in.get(0), scores = in.get(1);
        MiscUtil.requireFloat(boxes, "boxes");
        MiscUtil.requireFloat(scores, "scores");
        int[] bs = boxes.shape(), ss = scores.shape();
        if (bs.length != 3 || bs[2] != 4) throw new IllegalArgumentException("boxes must have shape [batches, boxes, 4], got " + Shapes.toString(bs));
        if (ss.length != 3 || ss[0] != bs[0] || ss[2] != bs[1]) {
            throw new IllegalArgumentException("scores must have shape [" + bs[0] + ", classes, " + bs[1] + "], got " + Shapes.toString(ss));
        }
        long maxOut = opt(in, 2) == null || opt(in, 2).size() == 0 ? 0 : MiscUtil.scalarLong(opt(in, 2), "max_output_boxes_per_class");
        double iouThr = opt(in, 3) == null || opt(in, 3).size() == 0 ? 0 : MiscUtil.scalarDouble(opt(in, 3), "iou_threshold");
        Double scoreThr = opt(in, 4) == null || opt(in, 4).size() == 0 ? null : MiscUtil.scalarDouble(opt(in, 4), "score_threshold");
        if (iouThr < 0 || iouThr > 1) throw new IllegalArgumentException("iou_threshold must lie in [0, 1], got " + iouThr);
        int batches = bs[0], nBoxes = bs[1], classes = ss[1];
        double[] b = MiscUtil.doubles(boxes);
        double[] sc = MiscUtil.doubles(scores);
        // corners as (ymin, xmin, ymax, xmax) and areas
        double[] corners = new double[b.length];
        double[] area = new double[batches * nBoxes];
        for (int i = 0; i < batches * nBoxes; i++) {
            int p = i * 4;
            double y1, x1, y2, x2;
            if (center) {
                double xc = b[p], yc = b[p + 1], w = b[p + 2] / 2, h = b[p + 3] / 2;
                x1 = xc - w; x2 = xc + w; y1 = yc - h; y2 = yc + h;
            } else {
                y1 = Math.min(b[p], b[p + 2]); y2 = Math.max(b[p], b[p + 2]);
                x1 = Math.min(b[p + 1], b[p + 3]); x2 = Math.max(b[p + 1], b[p + 3]);
            }
            corners[p] = y1; corners[p + 1] = x1; corners[p + 2] = y2; corners[p + 3] = x2;
            area[i] = (y2 - y1) * (x2 - x1);
        }
        List<long[]> sel = new ArrayList<>();
        if (maxOut > 0) {
            Integer[] order = new Integer[nBoxes];
            int[] kept = new int[nBoxes];
            for (int bt = 0; bt < batches; bt++) {
                for (int c = 0; c < classes; c++) {
                    int base = (bt * classes + c) * nBoxes;
                    int cand = 0;
                    for (int i = 0; i < nBoxes; i++) {
                        if (scoreThr == null || sc[base + i] > scoreThr) order[cand++] = i;
                    }
                    Arrays.sort(order, 0, cand, (p, q) -> {
                        int r = Double.compare(sc[base + q], sc[base + p]);
                        return r != 0 ? r : Integer.compare(p, q);
                    });
                    int nk = 0;
                    for (int j = 0; j < cand && nk < maxOut; j++) {
                        int i = order[j];
                        boolean keep = true;
                        for (int t = 0; t < nk && keep; t++) {
                            if (iou(corners, area, bt * nBoxes + i, bt * nBoxes + kept[t]) > iouThr) keep = false;
                        }
                        if (keep) {
                            kept[nk++] = i;
                            sel.add(new long[] {bt, c, i});
                        }
                    }
                }
            }
        }
        long[] out = new long[sel.size() * 3];
        for (int i = 0; i < sel.size(); i++) System.arraycopy(sel.get(i), 0, out, i * 3, 3);
        return List.of(Tensor.wrap(DType.INT64, new int[] {sel.size(), 3}, out));
    }

    private static double iou(double[] c, double[] area, int a, int b) {
        if (area[a] <= 0 || area[b] <= 0) return 0;
        int p = a * 4, q = b * 4;
        double ymin = Math.max(c[p], c[q]), xmin = Math.max(c[p + 1], c[q + 1]);
        double ymax = Math.min(c[p + 2], c[q + 2]), xmax = Math.min(c[p + 3], c[q + 3]);
        double inter = Math.max(0, ymax - ymin) * Math.max(0, xmax - xmin);
        if (inter <= 0) return 0;
        return inter / (area[a] + area[b] - inter);
    }
}
