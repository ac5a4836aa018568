package dev.onyx.ops.extra;

import dev.onyx.ir.Attributes;
import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.Arrays;
import java.util.List;

/**
 * ONNX-ML TreeEnsemble (ai.onnx.ml 5): evaluates an ensemble of decision trees (BRANCH_LEQ..MEMBER nodes,
 * separate leaf arrays) on [N, F] features, aggregates leaf weights per target and post-transforms.
 */
public final class TreeEnsemble implements Op {
    static final int LEQ = 0, LT = 1, GTE = 2, GT = 3, EQ = 4, NEQ = 5, MEMBER = 6;
    static final int AVERAGE = 0, SUM = 1, MIN = 2, MAX = 3;
    static final int NONE = 0, SOFTMAX = 1, LOGISTIC = 2, SOFTMAX_ZERO = 3, PROBIT = 4;

    private final int[] featureIds;
    private final int[] modes;
    private final double[] splits;
    private final int[] trueIds, falseIds;
    private final boolean[] trueLeaf, falseLeaf, missingTrue;
    private final double[][] members;
    private final int[] leafTargets;
    private final double[] leafWeights;
    private final int[] roots;
    private final boolean[] rootIsLeaf;
    private final int targets;
    private final int aggregate;
    private final int post;
    private final int maxFeature;

    private TreeEnsemble(NodeContext ctx) {
        Attributes a = ctx.attrs();
        splits = values(ctx, "nodes_splits", true);
        int n = splits.length;
        featureIds = ints(ctx, "nodes_featureids", n);
        modes = new int[n];
        Tensor modeT = a.getTensor("nodes_modes");
        if (modeT == null) throw ctx.invalid("missing required attribute 'nodes_modes'");
        if (modeT.size() != n) throw ctx.invalid("nodes_modes has " + modeT.size() + " values, expected " + n);
        for (int i = 0; i < n; i++) {
            long m = modeT.getLong(i);
            if (m < LEQ || m > MEMBER) throw ctx.invalid("nodes_modes[" + i + "] = " + m + " is not a valid mode (0..6)");
            modes[i] = (int) m;
        }
        trueIds = ints(ctx, "nodes_truenodeids", n);
        falseIds = ints(ctx, "nodes_falsenodeids", n);
        trueLeaf = flags(ctx, "nodes_trueleafs", n, true);
        falseLeaf = flags(ctx, "nodes_falseleafs", n, true);
        missingTrue = flags(ctx, "nodes_missing_value_tracks_true", n, false);
        leafWeights = values(ctx, "leaf_weights", true);
        leafTargets = ints(ctx, "leaf_targetids", leafWeights.length);
        long nt = a.getInt("n_targets", -1);
        if (nt < 1 || nt > 1 << 24) throw ctx.invalid("attribute 'n_targets' must be positive, got " + nt);
        targets = (int) nt;
        for (int i = 0; i < leafTargets.length; i++) {
            if (leafTargets[i] < 0 || leafTargets[i] >= targets) {
                throw ctx.invalid("leaf_targetids[" + i + "] = " + leafTargets[i] + " is outside [0, " + targets + ")");
            }
        }
        long agg = a.getInt("aggregate_function", SUM);
        if (agg < AVERAGE || agg > MAX) throw ctx.invalid("attribute 'aggregate_function' must be 0..3, got " + agg);
        aggregate = (int) agg;
        long pt = a.getInt("post_transform", NONE);
        if (pt < NONE || pt > PROBIT) throw ctx.invalid("attribute 'post_transform' must be 0..4, got " + pt);
        post = (int) pt;
        int mf = -1;
        for (int i = 0; i < n; i++) {
            if (featureIds[i] < 0) throw ctx.invalid("nodes_featureids[" + i + "] is negative");
            mf = Math.max(mf, featureIds[i]);
        }
        maxFeature = mf;
        members = parseMembers(ctx, n);
        long[] r = a.getInts("tree_roots");
        if (r == null) throw ctx.invalid("missing required attribute 'tree_roots'");
        roots = new int[r.length];
        rootIsLeaf = new boolean[r.length];
        for (int i = 0; i < r.length; i++) {
            if (r[i] < 0 || r[i] >= n) throw ctx.invalid("tree_roots[" + i + "] = " + r[i] + " is outside [0, " + n + ")");
            roots[i] = (int) r[i];
            rootIsLeaf[i] = trueLeaf[roots[i]] && falseLeaf[roots[i]] && trueIds[roots[i]] == falseIds[roots[i]];
            if (rootIsLeaf[i] && roots[i] >= leafWeights.length) {
                throw ctx.invalid("single-leaf tree " + i + " has no leaf " + roots[i]);
            }
        }
        for (int i = 0; i < n; i++) {
            checkChild(ctx, "nodes_truenodeids", i, trueIds[i], trueLeaf[i]);
            checkChild(ctx, "nodes_falsenodeids", i, falseIds[i], falseLeaf[i]);
        }
    }

    static Op create(NodeContext ctx) {
        ctx.expectInputs(1, 1);
        return new TreeEnsemble(ctx);
    }

    private void checkChild(NodeContext ctx, String name, int i, int id, boolean leaf) {
        int bound = leaf ? leafWeights.length : splits.length;
        if (id < 0 || id >= bound) {
            throw ctx.invalid(name + "[" + i + "] = " + id + " is outside [0, " + bound + ") of the "
                    + (leaf ? "leaves" : "nodes"));
        }
    }

    private static double[] values(NodeContext ctx, String name, boolean required) {
        Tensor t = ctx.attrs().getTensor(name);
        if (t == null) {
            if (required) throw ctx.invalid("missing required attribute '" + name + "'");
            return null;
        }
        if (!t.dtype().isFloatingPoint()) throw ctx.invalid("attribute '" + name + "' must be a floating-point tensor, got " + t.dtype());
        double[] r = new double[t.size()];
        for (int i = 0; i < r.length; i++) r[i] = t.getDouble(i);
        return r;
    }

    private static int[] ints(NodeContext ctx, String name, int n) {
        int[] v = ctx.attrs().getIntArray(name);
        if (v == null) throw ctx.invalid("missing required attribute '" + name + "'");
        if (v.length != n) throw ctx.invalid("attribute '" + name + "' has " + v.length + " values, expected " + n);
        return v;
    }

    private static boolean[] flags(NodeContext ctx, String name, int n, boolean required) {
        long[] v = ctx.attrs().getInts(name);
        boolean[] r = new boolean[n];
        if (v == null) {
            if (required) throw ctx.invalid("missing required attribute '" + name + "'");
            return r;
        }
        if (v.length != n) throw ctx.invalid("attribute '" + name + "' has " + v.length + " values, expected " + n);
        for (int i = 0; i < n; i++) r[i] = v[i] != 0;
        return r;
    }

    /** The set of each MEMBER node, read in node order from the NaN-separated membership_values. */
    private double[][] parseMembers(NodeContext ctx, int n) {
        double[] mv = values(ctx, "membership_values", false);
        int memberNodes = 0;
        for (int m : modes) if (m == MEMBER) memberNodes++;
        double[][] r = new double[n][];
        if (memberNodes == 0) return r;
        if (mv == null) throw ctx.invalid("set membership nodes need the 'membership_values' attribute");
        int nans = 0;
        for (double d : mv) if (Double.isNaN(d)) nans++;
        if (nans != memberNodes) {
            throw ctx.invalid("membership_values has " + nans + " NaN-terminated sets, expected " + memberNodes);
        }
        int pos = 0;
        for (int i = 0; i < n; i++) {
            if (modes[i] != MEMBER) continue;
            int start = pos;
            while (!Double.isNaN(mv[pos])) pos++;
            double[] set = Arrays.copyOfRange(mv, start, pos);
            Arrays.sort(set);
            r[i] = set;
            pos++;
        }
        return r;
    }

    @Override
    public List<Fact> infer(List<Fact> in) {
        Fact x = in.get(0);
        if (x.dtype() != null && !x.dtype().isFloatingPoint()) {
            throw new dev.onyx.InvalidModelException("TreeEnsemble takes floating-point features, got " + x.dtype());
        }
        if (!x.hasRank()) return List.of(Fact.unknownShape(x.dtype()));
        Dim rows = x.rank() == 0 ? Dim.of(1) : x.dims().get(0);
        return List.of(Fact.of(x.dtype(), List.of(rows, Dim.of(targets))));
    }

    @Override
    public List<Tensor> run(List<Tensor> in) {
        Tensor x = in.get(0);
        DType t = x.dtype();
        if (!t.isFloatingPoint()) throw new IllegalArgumentException("TreeEnsemble takes floating-point features, got " + t);
        if (x.rank() > 2) throw new IllegalArgumentException("TreeEnsemble takes [N, F] features, got " + Shapes.toString(x.shape()));
        int rows = x.rank() == 2 ? x.dim(0) : 1;
        int feats = x.rank() == 0 ? 1 : x.dim(-1);
        if (maxFeature >= feats) {
            throw new IllegalArgumentException("tree reads feature " + maxFeature + " but the input has " + feats + " features");
        }
        if ((long) rows * targets > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("output is too large");
        double[] y = new double[rows * targets];
        double[] acc = new double[targets];
        for (int r = 0; r < rows; r++) {
            int off = r * feats;
            double init = switch (aggregate) {
                case MIN -> maxOf(t);
                case MAX -> -maxOf(t);
                default -> 0;
            };
            Arrays.fill(acc, init);
            for (int ti = 0; ti < roots.length; ti++) {
                int leaf = rootIsLeaf[ti] ? roots[ti] : walk(x, off, roots[ti]);
                double w = leafWeights[leaf];
                int target = leafTargets[leaf];
                acc[target] = switch (aggregate) {
                    case SUM -> acc[target] + w;
                    case AVERAGE -> acc[target] + w / roots.length;
                    case MIN -> Math.min(acc[target], w);
                    default -> Math.max(acc[target], w);
                };
            }
            transform(acc);
            System.arraycopy(acc, 0, y, r * targets, targets);
        }
        return List.of(Tensor.fromDoubles(t, new int[] {rows, targets}, y));
    }

    /** Follows one tree from node to a leaf and returns the leaf index. */
    private int walk(Tensor x, int off, int node) {
        // bounded by the node count: a cycle in the node ids would otherwise loop forever
        for (int steps = 0; steps <= splits.length; steps++) {
            double v = x.getDouble(off + featureIds[node]);
            boolean go = Double.isNaN(v) ? missingTrue[node] || modes[node] == NEQ : switch (modes[node]) {
                case LEQ -> v <= splits[node];
                case LT -> v < splits[node];
                case GTE -> v >= splits[node];
                case GT -> v > splits[node];
                case EQ -> v == splits[node];
                case NEQ -> v != splits[node];
                default -> Arrays.binarySearch(members[node], v) >= 0;
            };
            if (go ? trueLeaf[node] : falseLeaf[node]) return go ? trueIds[node] : falseIds[node];
            node = go ? trueIds[node] : falseIds[node];
        }
        throw new IllegalArgumentException("tree nodes form a cycle");
    }

    private static double maxOf(DType t) {
        return switch (t) {
            case FLOAT -> Float.MAX_VALUE;
            case FLOAT16 -> 65504;
            case BFLOAT16 -> 3.3895313892515355e38;
            default -> Double.MAX_VALUE;
        };
    }

    private void transform(double[] v) {
        switch (post) {
            case SOFTMAX -> softmax(v, false);
            case SOFTMAX_ZERO -> softmax(v, true);
            case LOGISTIC -> {
                for (int i = 0; i < v.length; i++) v[i] = 1 / (1 + Math.exp(-v[i]));
            }
            case PROBIT -> {
                for (int i = 0; i < v.length; i++) v[i] = Math.sqrt(2) * erfInv(2 * v[i] - 1);
            }
            default -> { }
        }
    }

    private static void softmax(double[] v, boolean keepZeros) {
        double max = Double.NEGATIVE_INFINITY;
        for (double d : v) if (!(keepZeros && d == 0)) max = Math.max(max, d);
        double sum = 0;
        for (int i = 0; i < v.length; i++) {
            if (keepZeros && v[i] == 0) continue;
            v[i] = Math.exp(v[i] - max);
            sum += v[i];
        }
        if (sum == 0) return;
        for (int i = 0; i < v.length; i++) if (!(keepZeros && v[i] == 0)) v[i] /= sum;
    }

    /** Inverse error function (Winitzki's approximation, as ONNX-ML runtimes use for PROBIT). */
    static double erfInv(double x) {
        double sgn = x < 0 ? -1 : 1;
        double l = Math.log((1 - x) * (1 + x));
        double a = 0.147;
        double v = 2 / (Math.PI * a) + 0.5 * l;
        return sgn * Math.sqrt(-v + Math.sqrt(v * v - l / a));
    }
}
