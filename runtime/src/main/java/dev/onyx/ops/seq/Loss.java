package dev.onyx.ops.seq;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/** ONNX NegativeLogLikelihoodLoss and SoftmaxCrossEntropyLoss (reduction none/sum/mean, ignore_index, weights). */
final class Loss implements Op {
    private final boolean softmax;
    private final String reduction;
    private final Long ignoreIndex;
    private final int outputs;

    private Loss(boolean softmax, String reduction, Long ignoreIndex, int outputs) {
        this.softmax = softmax;
        this.reduction = reduction;
        this.ignoreIndex = ignoreIndex;
        this.outputs = outputs;
    }

    static Op create(NodeContext ctx, boolean softmax) {
        ctx.expectInputs(2, 3);
        String red = ctx.attrs().getString("reduction", "mean");
        if (!red.equals("none") && !red.equals("sum") && !red.equals("mean")) {
            throw ctx.invalid("attribute 'reduction': expected none, sum or mean, got '" + red + "'");
        }
        Long ii = ctx.attrs().has("ignore_index") ? ctx.attrs().getInt("ignore_index", 0) : null;
        int max = softmax ? 2 : 1;
        if (ctx.outputCount() > max) throw ctx.invalid("expected at most " + max + " outputs, got " + ctx.outputCount());
        return new Loss(softmax, red, ii, ctx.outputCount());
    }

    @Override
    public List<Fact> infer(List<Fact> in) {
        Fact x = in.get(0);
        SeqData.requireFloating(x, "input 0");
        DType dt = x == null ? null : x.dtype();
        List<Fact> out = new ArrayList<>();
        if (reduction.equals("none")) {
            if (x != null && x.hasRank() && x.rank() >= 2) {
                List<Dim> d = new ArrayList<>(x.dims());
                d.remove(1);
                out.add(Fact.of(dt, d));
            } else {
                out.add(Fact.unknownShape(dt));
            }
        } else {
            out.add(Fact.of(dt, List.of()));
        }
        if (outputs > 1) out.add(x == null ? Fact.UNKNOWN : new Fact(dt, x.dims(), null));
        return out;
    }

    @Override
    public List<Tensor> run(List<Tensor> in) {
        Tensor xt = in.get(0), tt = in.get(1), wt = in.size() > 2 ? in.get(2) : null;
        SeqData.requireFloating(xt, "input 0");
        int[] xs = xt.shape();
        if (xs.length < 2) throw new IllegalArgumentException("input 0: expected shape [N, C, ...], got " + Shapes.toString(xs));
        int n = xs[0], c = xs[1], inner = Shapes.product(xs, 2, xs.length);
        int[] ts = new int[xs.length - 1];
        ts[0] = n;
        System.arraycopy(xs, 2, ts, 1, xs.length - 2);
        SeqData.expectShape(tt, "input 1 (target)", ts);
        if (!tt.dtype().isInteger()) throw new IllegalArgumentException("input 1 (target): expected int32 or int64, got " + tt.dtype());
        double[] w = null;
        if (wt != null) {
            SeqData.expectShape(wt, "input 2 (weight)", c);
            w = SeqData.doubles(wt);
        }
        double[] x = SeqData.doubles(xt);
        double[] logp = null;
        if (softmax) {
            logp = logSoftmax(x, n, c, inner);
            x = logp;
        }
        int m = n * inner;
        double[] loss = new double[m];
        double wsum = 0;
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < inner; i++) {
                int p = b * inner + i;
                long target = tt.getLong(p);
                if (ignoreIndex != null && target == ignoreIndex) {
                    continue;
                }
                if (target < 0 || target >= c) {
                    throw new IllegalArgumentException("input 1 (target): class " + target + " at " + p + " is outside [0, " + c + ")");
                }
                double wi = w == null ? 1 : w[(int) target];
                loss[p] = -x[(b * c + (int) target) * inner + i] * wi;
                wsum += wi;
            }
        }
        DType dt = xt.dtype();
        Tensor result = switch (reduction) {
            case "none" -> SeqData.fromDoubles(dt, ts, loss);
            case "sum" -> SeqData.fromDoubles(dt, new int[0], new double[] {sum(loss)});
            default -> SeqData.fromDoubles(dt, new int[0], new double[] {sum(loss) / wsum});
        };
        List<Tensor> out = new ArrayList<>();
        out.add(result);
        if (outputs > 1) out.add(SeqData.fromDoubles(dt, xs, logp));
        return out;
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double d : v) s += d;
        return s;
    }

    /** log_softmax over axis 1 of an [N, C, inner] array. */
    private static double[] logSoftmax(double[] x, int n, int c, int inner) {
        double[] r = new double[x.length];
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < inner; i++) {
                int base = b * c * inner + i;
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < c; k++) max = Math.max(max, x[base + k * inner]);
                double s = 0;
                for (int k = 0; k < c; k++) s += StrictMath.exp(x[base + k * inner] - max);
                double ls = StrictMath.log(s) + max;
                for (int k = 0; k < c; k++) r[base + k * inner] = x[base + k * inner] - ls;
            }
        }
        return r;
    }
}
