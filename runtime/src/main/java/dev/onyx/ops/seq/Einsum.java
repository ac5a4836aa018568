package dev.onyx.ops.seq;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.kernel.EinsumKernel;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/** ONNX Einsum: any equation, with ellipsis broadcasting, repeated labels (diagonals) and implicit output. */
final class Einsum implements Op {
    /** Labels are letters; the ellipsis is written as this marker in a parsed term. */
    private static final char ELLIPSIS = '*';
    /** Synthetic label numbers of the ellipsis dims start here (past every letter). */
    private static final int ELL_BASE = 256;

    private final String[] inputs;
    private final String output; // null when implicit

    private Einsum(String[] inputs, String output) {
        this.inputs = inputs;
        this.output = output;
    }

    static Op create(NodeContext ctx) {
        String eq = ctx.attrs().requireString("equation").replace(" ", "");
        String lhs = eq, rhs = null;
        int arrow = eq.indexOf("->");
        if (arrow >= 0) {
            lhs = eq.substring(0, arrow);
            rhs = term(ctx, eq.substring(arrow + 2), eq);
        }
        String[] parts = lhs.split(",", -1);
        for (int i = 0; i < parts.length; i++) parts[i] = term(ctx, parts[i], eq);
        int n = ctx.inputCount();
        if (parts.length != n) {
            throw ctx.invalid("attribute 'equation': '" + eq + "' has " + parts.length + " operands, the node has " + n + " inputs");
        }
        if (rhs != null) {
            for (int i = 0; i < rhs.length(); i++) {
                char c = rhs.charAt(i);
                if (rhs.indexOf(c) != i) throw ctx.invalid("attribute 'equation': output label '" + c + "' repeats in '" + eq + "'");
                if (c != ELLIPSIS && !lhs.contains(String.valueOf(c))) {
                    throw ctx.invalid("attribute 'equation': output label '" + c + "' is not in any input of '" + eq + "'");
                }
            }
        }
        return new Einsum(parts, rhs);
    }

    /** A term with "..." replaced by the marker; throws on anything but letters and one ellipsis. */
    private static String term(NodeContext ctx, String t, String eq) {
        String s = t.replace("...", String.valueOf(ELLIPSIS));
        int ell = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ELLIPSIS) ell++;
            else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
                throw ctx.invalid("attribute 'equation': unexpected '" + c + "' in '" + eq + "'");
            }
        }
        if (ell > 1) throw ctx.invalid("attribute 'equation': more than one ellipsis in a term of '" + eq + "'");
        return s;
    }

    /** The labels of each axis of operand k (ellipsis dims numbered ELL_BASE + global ellipsis axis). */
    private int[] axisLabels(String t, int rank, int maxEll, String what) {
        boolean hasEll = t.indexOf(ELLIPSIS) >= 0;
        int letters = t.length() - (hasEll ? 1 : 0);
        int ell = rank - letters;
        if (ell < 0 || (!hasEll && ell != 0)) {
            throw new IllegalArgumentException(what + ": term '" + t.replace("*", "...") + "' does not fit rank " + rank);
        }
        int[] labels = new int[rank];
        int a = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == ELLIPSIS) {
                for (int j = 0; j < ell; j++) labels[a++] = ELL_BASE + maxEll - ell + j;
            } else {
                labels[a++] = c;
            }
        }
        return labels;
    }

    private int ellipsisRank(int k, int rank) {
        String t = inputs[k];
        return t.indexOf(ELLIPSIS) >= 0 ? rank - (t.length() - 1) : 0;
    }

    /** Output labels for the given ellipsis rank. */
    private int[] outputLabels(int maxEll) {
        List<Integer> out = new ArrayList<>();
        if (output != null) {
            for (int i = 0; i < output.length(); i++) {
                char c = output.charAt(i);
                if (c == ELLIPSIS) for (int j = 0; j < maxEll; j++) out.add(ELL_BASE + j);
                else out.add((int) c);
            }
        } else {
            for (int j = 0; j < maxEll; j++) out.add(ELL_BASE + j);
            TreeMap<Character, Integer> counts = new TreeMap<>();
            for (String t : inputs) for (char c : t.toCharArray()) if (c != ELLIPSIS) counts.merge(c, 1, Integer::sum);
            counts.forEach((c, n) -> { if (n == 1) out.add((int) c); });
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public List<Fact> infer(List<Fact> in) {
        DType dt = in.get(0) == null ? null : in.get(0).dtype();
        int maxEll = 0;
        for (int k = 0; k < in.size(); k++) {
            Fact f = in.get(k);
            if (f == null || !f.hasRank()) return List.of(Fact.unknownShape(dt));
            maxEll = Math.max(maxEll, Math.max(0, ellipsisRank(k, f.rank())));
        }
        TreeMap<Integer, Dim> dims = new TreeMap<>();
        for (int k = 0; k < in.size(); k++) {
            int[] labels;
            try {
                labels = axisLabels(inputs[k], in.get(k).rank(), maxEll, "input " + k);
            } catch (IllegalArgumentException e) {
                throw new dev.onyx.InvalidModelException(e.getMessage());
            }
            for (int a = 0; a < labels.length; a++) {
                Dim d = in.get(k).dims().get(a);
                Dim prev = dims.get(labels[a]);
                if (prev == null || (prev.isKnown() && prev.value() == 1) || (!prev.isKnown() && d.isKnown() && d.value() != 1)) {
                    dims.put(labels[a], d);
                }
            }
        }
        List<Dim> out = new ArrayList<>();
        for (int l : outputLabels(maxEll)) out.add(dims.getOrDefault(l, Dim.UNKNOWN));
        return List.of(Fact.of(dt, out));
    }

    @Override
    public List<Tensor> run(List<Tensor> in) {
        int n = in.size();
        DType dt = in.get(0).dtype();
        if (dt == DType.STRING || dt == DType.BOOL) throw new IllegalArgumentException("Einsum does not take " + dt);
        int maxEll = 0;
        for (int k = 0; k < n; k++) {
            if (in.get(k).dtype() != dt) {
                throw new IllegalArgumentException("input " + k + ": expected " + dt + " like input 0, got " + in.get(k).dtype());
            }
            maxEll = Math.max(maxEll, Math.max(0, ellipsisRank(k, in.get(k).rank())));
        }
        int[][] labels = new int[n][];
        TreeMap<Integer, Integer> sizes = new TreeMap<>();
        for (int k = 0; k < n; k++) {
            int[] shape = in.get(k).shape();
            labels[k] = axisLabels(inputs[k], shape.length, maxEll, "input " + k);
            for (int a = 0; a < shape.length; a++) {
                int l = labels[k][a];
                Integer prev = sizes.get(l);
                if (prev == null || prev == 1) sizes.put(l, shape[a]);
                else if (shape[a] != prev && shape[a] != 1) {
                    throw new IllegalArgumentException("input " + k + ": dimension " + shape[a] + " of label "
                            + labelName(l) + " differs from " + prev + " elsewhere (shape " + Shapes.toString(shape) + ")");
                }
            }
        }
        // a label repeated in one input reads a diagonal: its dims must agree exactly
        for (int k = 0; k < n; k++) {
            int[] shape = in.get(k).shape();
            for (int a = 0; a < shape.length; a++) {
                if (shape[a] != sizes.get(labels[k][a]) && count(labels[k], labels[k][a]) > 1) {
                    throw new IllegalArgumentException("input " + k + ": repeated label " + labelName(labels[k][a])
                            + " has unequal dimensions in shape " + Shapes.toString(shape));
                }
            }
        }
        int[] outLabels = outputLabels(maxEll);
        List<Integer> sumLabels = new ArrayList<>();
        for (int l : sizes.keySet()) if (indexOf(outLabels, l) < 0) sumLabels.add(l);
        int[] outSizes = new int[outLabels.length];
        for (int i = 0; i < outSizes.length; i++) outSizes[i] = sizes.get(outLabels[i]);
        int[] sumSizes = new int[sumLabels.size()];
        for (int i = 0; i < sumSizes.length; i++) sumSizes[i] = sizes.get(sumLabels.get(i));
        int[][] outStrides = new int[n][outLabels.length];
        int[][] sumStrides = new int[n][sumSizes.length];
        for (int k = 0; k < n; k++) {
            int[] shape = in.get(k).shape();
            int[] st = Shapes.strides(shape);
            for (int a = 0; a < shape.length; a++) {
                int l = labels[k][a];
                if (shape[a] == 1 && sizes.get(l) != 1) continue; // broadcast
                int oi = indexOf(outLabels, l);
                if (oi >= 0) outStrides[k][oi] += st[a];
                else sumStrides[k][sumLabels.indexOf(l)] += st[a];
            }
        }
        Shapes.size(outSizes);
        if (dt.isInteger()) {
            long[][] data = new long[n][];
            for (int k = 0; k < n; k++) {
                Tensor t = in.get(k);
                data[k] = new long[t.size()];
                for (int i = 0; i < data[k].length; i++) data[k][i] = t.getLong(i);
            }
            long[] r = EinsumKernel.contract(data, outSizes, outStrides, sumSizes, sumStrides);
            Tensor.Writer w = new Tensor.Writer(dt, outSizes);
            for (int i = 0; i < r.length; i++) w.setLong(i, r[i]);
            return List.of(w.done());
        }
        double[][] data = new double[n][];
        for (int k = 0; k < n; k++) data[k] = SeqData.doubles(in.get(k));
        return List.of(SeqData.fromDoubles(dt, outSizes,
                EinsumKernel.contract(data, outSizes, outStrides, sumSizes, sumStrides)));
    }

    private static int count(int[] a, int v) {
        int c = 0;
        for (int x : a) if (x == v) c++;
        return c;
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) if (a[i] == v) return i;
        return -1;
    }

    private static String labelName(int l) {
        return l >= ELL_BASE ? "'...'[" + (l - ELL_BASE) + "]" : "'" + (char) l + "'";
    }

    @Override
    public String toString() {
        return "Einsum " + Arrays.toString(inputs) + " -> " + output;
    }
}
