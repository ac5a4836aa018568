package dev.onyx.ops.seq;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.kernel.RnnActivation;
import dev.onyx.kernel.RnnDims;
import dev.onyx.kernel.RnnGruCell;
import dev.onyx.kernel.RnnLstmCell;
import dev.onyx.kernel.RnnSimpleCell;
import dev.onyx.kernel.Transpose;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** ONNX RNN, GRU and LSTM (all opsets): forward, reverse or bidirectional, with sequence_lens, clip and layout. */
final class Recurrent implements Op {
    /** The three cell types: gate count, activation count and default activations. */
    enum Cell {
        RNN(1, 8, "Tanh"), GRU(3, 6, "Sigmoid", "Tanh"), LSTM(4, 8, "Sigmoid", "Tanh", "Tanh");

        final int gates;
        final int maxInputs;
        final String[] defaults;

        Cell(int gates, int maxInputs, String... defaults) {
            this.gates = gates;
            this.maxInputs = maxInputs;
            this.defaults = defaults;
        }
    }

    private final Cell cell;
    private final String direction;
    private final int dirs;
    private final long hiddenSize;
    private final float clip;
    private final RnnActivation[] acts;
    private final int layout;
    private final boolean linearBeforeReset;
    private final boolean inputForget;
    private final int outputs;
    private final boolean[] wanted;

    private Recurrent(Cell cell, String direction, long hiddenSize, float clip, RnnActivation[] acts, int layout,
                      boolean linearBeforeReset, boolean inputForget, int outputs, boolean[] wanted) {
        this.cell = cell;
        this.direction = direction;
        this.dirs = direction.equals("bidirectional") ? 2 : 1;
        this.hiddenSize = hiddenSize;
        this.clip = clip;
        this.acts = acts;
        this.layout = layout;
        this.linearBeforeReset = linearBeforeReset;
        this.inputForget = inputForget;
        this.outputs = outputs;
        this.wanted = wanted;
    }

    static Op create(NodeContext ctx, Cell cell) {
        ctx.expectInputs(3, cell.maxInputs);
        var a = ctx.attrs();
        String direction = a.getString("direction", "forward");
        if (!direction.equals("forward") && !direction.equals("reverse") && !direction.equals("bidirectional")) {
            throw ctx.invalid("attribute 'direction': expected forward, reverse or bidirectional, got '" + direction + "'");
        }
        int dirs = direction.equals("bidirectional") ? 2 : 1;
        long hidden = a.getInt("hidden_size", -1);
        if (a.has("hidden_size") && hidden <= 0) throw ctx.invalid("attribute 'hidden_size': expected > 0, got " + hidden);
        float clip = 0f;
        if (a.has("clip")) {
            clip = a.getFloat("clip", 0f);
            if (!(clip > 0f)) throw ctx.invalid("attribute 'clip': expected a positive threshold, got " + clip);
        }
        int layout = 0;
        if (ctx.opset() >= 14) {
            long l = a.getInt("layout", 0);
            if (l != 0 && l != 1) throw ctx.invalid("attribute 'layout': expected 0 or 1, got " + l);
            layout = (int) l;
        }
        if (ctx.opset() < 7) {
            long os = a.getInt("output_sequence", 0);
            if (os != 0 && os != 1) throw ctx.invalid("attribute 'output_sequence': expected 0 or 1, got " + os);
        }
        boolean lbr = false;
        if (cell == Cell.GRU && ctx.opset() >= 3) {
            long v = a.getInt("linear_before_reset", 0);
            if (v != 0 && v != 1) throw ctx.invalid("attribute 'linear_before_reset': expected 0 or 1, got " + v);
            lbr = v != 0;
        }
        boolean inputForget = false;
        if (cell == Cell.LSTM) {
            long v = a.getInt("input_forget", 0);
            if (v != 0 && v != 1) throw ctx.invalid("attribute 'input_forget': expected 0 or 1, got " + v);
            inputForget = v != 0;
        }
        RnnActivation[] acts = activations(ctx, cell, dirs);
        int nOut = ctx.outputCount();
        int maxOut = cell == Cell.LSTM ? 3 : 2;
        if (nOut > maxOut) throw ctx.invalid("expected at most " + maxOut + " outputs, got " + nOut);
        boolean[] wanted = new boolean[maxOut];
        for (int i = 0; i < nOut; i++) wanted[i] = ctx.hasOutput(i);
        return new Recurrent(cell, direction, hidden, clip, acts, layout, lbr, inputForget, nOut, wanted);
    }

    /** The activations of every direction, alpha and beta consumed in order by the functions that take them. */
    private static RnnActivation[] activations(NodeContext ctx, Cell cell, int dirs) {
        var a = ctx.attrs();
        int per = cell.defaults.length;
        List<String> names = a.getStrings("activations");
        if (names == null || names.isEmpty()) {
            names = new ArrayList<>();
            for (int d = 0; d < dirs; d++) names.addAll(Arrays.asList(cell.defaults));
        } else if (names.size() == per && dirs == 2) {
            List<String> twice = new ArrayList<>(names);
            twice.addAll(names);
            names = twice;
        } else if (names.size() != per * dirs) {
            throw ctx.invalid("attribute 'activations': expected " + per * dirs + " names, got " + names.size());
        }
        float[] alphas = a.getFloats("activation_alpha");
        float[] betas = a.getFloats("activation_beta");
        int ai = 0, bi = 0;
        RnnActivation[] acts = new RnnActivation[names.size()];
        for (int i = 0; i < acts.length; i++) {
            RnnActivation.Kind k = RnnActivation.Kind.byName(names.get(i));
            if (k == null) {
                throw ctx.invalid("attribute 'activations': unknown activation '" + names.get(i) + "' (expected Relu, Tanh,"
                        + " Sigmoid, Affine, LeakyRelu, ThresholdedRelu, ScaledTanh, HardSigmoid, Elu, Softsign or Softplus)");
            }
            float alpha = k.defaultAlpha, beta = k.defaultBeta;
            if (k.usesAlpha && alphas != null && ai < alphas.length) alpha = alphas[ai++];
            if (k.usesBeta && betas != null && bi < betas.length) beta = betas[bi++];
            acts[i] = new RnnActivation(k, alpha, beta);
        }
        return acts;
    }

    @Override
    public List<Fact> infer(List<Fact> in) {
        Fact x = in.get(0), r = in.get(2);
        SeqData.requireFloating(x, "input X");
        SeqData.requireRank(x, "input X", 3);
        SeqData.requireRank(in.get(1), "input W", 3);
        SeqData.requireRank(r, "input R", 3);
        DType dt = x == null ? null : x.dtype();
        Dim seq = Dim.UNKNOWN, batch = Dim.UNKNOWN, hid = hiddenSize > 0 ? Dim.of(hiddenSize) : Dim.UNKNOWN;
        if (x != null && x.hasRank()) {
            seq = x.dims().get(layout == 0 ? 0 : 1);
            batch = x.dims().get(layout == 0 ? 1 : 0);
        }
        if (!hid.isKnown() && r != null && r.hasRank()) hid = r.dims().get(2);
        Dim nd = Dim.of(dirs);
        List<Fact> out = new ArrayList<>();
        for (int i = 0; i < outputs; i++) {
            List<Dim> dims = i == 0
                    ? (layout == 0 ? List.of(seq, nd, batch, hid) : List.of(batch, seq, nd, hid))
                    : (layout == 0 ? List.of(nd, batch, hid) : List.of(batch, nd, hid));
            out.add(Fact.of(dt, dims));
        }
        return out;
    }

    @Override
    public List<Tensor> run(List<Tensor> in) {
        Tensor xt = in.get(0), wt = in.get(1), rt = in.get(2);
        SeqData.requireFloating(xt, "input X");
        SeqData.expectRank(xt, "input X", 3);
        SeqData.expectRank(wt, "input W", 3);
        SeqData.expectRank(rt, "input R", 3);
        DType dt = xt.dtype();
        int[] xs = xt.shape();
        int seq = layout == 0 ? xs[0] : xs[1], batch = layout == 0 ? xs[1] : xs[0], input = xs[2];
        int hid = rt.dim(2);
        if (hiddenSize > 0 && hiddenSize != hid) {
            throw new IllegalArgumentException("input R: hidden size " + hid + " differs from attribute hidden_size " + hiddenSize);
        }
        int g = cell.gates;
        SeqData.expectShape(wt, "input W", dirs, g * hid, input);
        SeqData.expectShape(rt, "input R", dirs, g * hid, hid);
        float[] x = SeqData.floats(xt);
        if (layout == 1) x = (float[]) Transpose.apply(x, xs, new int[] {1, 0, 2});
        float[] w = SeqData.floats(wt), r = SeqData.floats(rt);
        float[] b = null;
        if (in.size() > 3 && in.get(3) != null) {
            SeqData.expectShape(in.get(3), "input B", dirs, 2 * g * hid);
            b = SeqData.floats(in.get(3));
        }
        int[] lens = in.size() > 4 && in.get(4) != null ? lens(in.get(4), batch, seq) : null;
        float[] h0 = initial(in, 5, "initial_h", batch, hid);
        float[] c0 = cell == Cell.LSTM ? initial(in, 6, "initial_c", batch, hid) : null;
        float[] p = null;
        if (cell == Cell.LSTM && in.size() > 7 && in.get(7) != null) {
            SeqData.expectShape(in.get(7), "input P", dirs, 3 * hid);
            p = SeqData.floats(in.get(7));
        }
        RnnDims dims = new RnnDims(seq, batch, input, hid, lens, clip);
        int state = batch * hid;
        float[] y = wanted.length > 0 && wanted[0] ? new float[seq * dirs * state] : null;
        float[] yh = new float[dirs * state];
        float[] yc = new float[dirs * state];
        int per = cell.defaults.length;
        for (int d = 0; d < dirs; d++) {
            boolean reverse = d == 1 || direction.equals("reverse");
            float[] h = Arrays.copyOfRange(h0, d * state, (d + 1) * state);
            int wOff = d * g * hid * input, rOff = d * g * hid * hid, bOff = d * 2 * g * hid, a = d * per;
            int yOff = d * state, yStride = dirs * state;
            switch (cell) {
                case RNN -> RnnSimpleCell.run(dims, reverse, x, w, wOff, r, rOff, b, bOff, h, acts[a], y, yOff, yStride);
                case GRU -> RnnGruCell.run(dims, reverse, x, w, wOff, r, rOff, b, bOff, h, acts[a], acts[a + 1],
                        linearBeforeReset, y, yOff, yStride);
                case LSTM -> {
                    float[] c = Arrays.copyOfRange(c0, d * state, (d + 1) * state);
                    RnnLstmCell.run(dims, reverse, x, w, wOff, r, rOff, b, bOff, p, d * 3 * hid, h, c,
                            acts[a], acts[a + 1], acts[a + 2], inputForget, y, yOff, yStride);
                    System.arraycopy(c, 0, yc, d * state, state);
                }
            }
            System.arraycopy(h, 0, yh, d * state, state);
        }
        List<Tensor> out = new ArrayList<>(outputs);
        for (int i = 0; i < outputs; i++) {
            if (!wanted[i]) {
                out.add(null);
            } else if (i == 0) {
                out.add(output(dt, y, new int[] {seq, dirs, batch, hid}, new int[] {2, 0, 1, 3}));
            } else {
                out.add(output(dt, i == 1 ? yh : yc, new int[] {dirs, batch, hid}, new int[] {1, 0, 2}));
            }
        }
        return out;
    }

    private Tensor output(DType dt, float[] v, int[] shape, int[] perm) {
        if (layout == 1) {
            v = (float[]) Transpose.apply(v, shape, perm);
            shape = Transpose.shape(shape, perm);
        }
        return SeqData.fromFloats(dt, shape, v);
    }

    /** initial_h / initial_c as [dirs, batch, hidden] floats (zeros when absent). */
    private float[] initial(List<Tensor> in, int index, String what, int batch, int hid) {
        if (in.size() <= index || in.get(index) == null) return new float[dirs * batch * hid];
        Tensor t = in.get(index);
        if (layout == 0) {
            SeqData.expectShape(t, "input " + what, dirs, batch, hid);
            return SeqData.floats(t);
        }
        SeqData.expectShape(t, "input " + what, batch, dirs, hid);
        return (float[]) Transpose.apply(SeqData.floats(t), t.shape(), new int[] {1, 0, 2});
    }

    private static int[] lens(Tensor t, int batch, int seq) {
        SeqData.expectShape(t, "input sequence_lens", batch);
        if (!t.dtype().isInteger()) throw new IllegalArgumentException("input sequence_lens: expected int32, got " + t.dtype());
        int[] l = new int[batch];
        for (int i = 0; i < batch; i++) {
            long v = t.getLong(i);
            if (v < 0 || v > seq) {
                throw new IllegalArgumentException("input sequence_lens: entry " + i + " is " + v + ", expected 0 to " + seq);
            }
            l[i] = (int) v;
        }
        return l;
    }
}
