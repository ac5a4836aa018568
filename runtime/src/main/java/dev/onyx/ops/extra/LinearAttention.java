package dev.onyx.ops.extra;

import dev.onyx.InvalidModelException;
import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.List;

/**
 * LinearAttention (opset 27): recurrent linear attention over [B, T, H*D] inputs with a [B, Hkv, Dk, Dv]
 * state, for the linear, gated, delta and gated_delta update rules, with grouped query heads.
 */
public final class LinearAttention implements Op {
    private final int qHeads;
    private final int kvHeads;
    private final double scale;
    private final boolean gated;
    private final boolean delta;

    private LinearAttention(int qHeads, int kvHeads, double scale, boolean gated, boolean delta) {
        this.qHeads = qHeads;
        this.kvHeads = kvHeads;
        this.scale = scale;
        this.gated = gated;
        this.delta = delta;
    }

    static Op create(NodeContext ctx) {
        ctx.expectInputs(3, 7);
        long hq = ctx.attrs().requireInt("q_num_heads");
        long hkv = ctx.attrs().requireInt("kv_num_heads");
        if (hq <= 0 || hkv <= 0 || hq > 1 << 20 || hq % hkv != 0) {
            throw ctx.invalid("q_num_heads (" + hq + ") must be a positive multiple of kv_num_heads (" + hkv + ")");
        }
        String rule = ctx.attrs().getString("update_rule", "gated_delta");
        boolean gated, delta;
        switch (rule) {
            case "linear" -> { gated = false; delta = false; }
            case "gated" -> { gated = true; delta = false; }
            case "delta" -> { gated = false; delta = true; }
            case "gated_delta" -> { gated = true; delta = true; }
            default -> throw ctx.invalid("attribute 'update_rule': expected linear, gated, delta or gated_delta, got '" + rule + "'");
        }
        if (gated != ctx.hasInput(4)) {
            throw ctx.invalid("update_rule '" + rule + (gated ? "' requires" : "' forbids") + " the decay input");
        }
        if (delta != ctx.hasInput(5)) {
            throw ctx.invalid("update_rule '" + rule + (delta ? "' requires" : "' forbids") + " the beta input");
        }
        if (ctx.hasInput(6) && !delta) throw ctx.invalid("update_rule '" + rule + "' forbids the erase_gate input");
        long chunk = ctx.attrs().getInt("chunk_size", 64);
        if (chunk < 0) throw ctx.invalid("attribute 'chunk_size' must not be negative, got " + chunk);
        double scale = ctx.attrs().getFloat("scale", 0f);
        return new LinearAttention((int) hq, (int) hkv, scale, gated, delta);
    }

    @Override
    public List<Fact> infer(List<Fact> in) {
        Fact q = in.get(0);
        Fact v = in.get(2);
        Fact past = in.size() > 3 ? in.get(3) : null;
        DType t = q.dtype();
        if (t != null && !t.isFloatingPoint()) throw new InvalidModelException("LinearAttention takes floating-point inputs, got " + t);
        for (int i = 0; i < 3; i++) {
            if (in.get(i).hasRank() && in.get(i).rank() != 3) {
                throw new InvalidModelException("input " + i + " must be rank 3 (batch, sequence, heads*dim), got rank " + in.get(i).rank());
            }
        }
        Fact out = Fact.unknownShape(t);
        DType st = past != null && past.dtype() != null ? past.dtype() : t;
        Fact state = Fact.unknownShape(st);
        if (q.hasRank() && v.hasRank()) {
            Dim b = q.dims().get(0);
            Dim dv = per(v.dims().get(2), kvHeads);
            out = Fact.of(t, List.of(b, q.dims().get(1), dv.isKnown() ? Dim.of(dv.value() * qHeads) : Dim.UNKNOWN));
            state = Fact.of(st, List.of(b, Dim.of(kvHeads), per(q.dims().get(2), qHeads), dv));
        }
        return List.of(out, state);
    }

    private static Dim per(Dim d, int heads) {
        return d.isKnown() && d.value() % heads == 0 ? Dim.of(d.value() / heads) : Dim.UNKNOWN;
    }

    @Override
    public List<Tensor> run(List<Tensor> in) {
        Tensor q = in.get(0), k = in.get(1), v = in.get(2);
        Tensor past = in.size() > 3 ? in.get(3) : null;
        Tensor decay = in.size() > 4 ? in.get(4) : null;
        Tensor beta = in.size() > 5 ? in.get(5) : null;
        Tensor erase = in.size() > 6 ? in.get(6) : null;
        DType t = q.dtype();
        if (!t.isFloatingPoint()) throw new IllegalArgumentException("LinearAttention takes floating-point inputs, got " + t);
        rank3("query", q);
        rank3("key", k);
        rank3("value", v);
        int b = q.dim(0), len = q.dim(1);
        if (q.dim(2) % qHeads != 0) {
            throw new IllegalArgumentException("query last dim " + q.dim(2) + " is not divisible by q_num_heads " + qHeads);
        }
        int dk = q.dim(2) / qHeads;
        if (v.dim(2) % kvHeads != 0) {
            throw new IllegalArgumentException("value last dim " + v.dim(2) + " is not divisible by kv_num_heads " + kvHeads);
        }
        int dv = v.dim(2) / kvHeads;
        int h = kvHeads, g = qHeads / kvHeads;
        same("key", k, b, len, h * dk);
        same("value", v, b, len, h * dv);
        int decayLast = 0;
        if (decay != null) {
            rank3("decay", decay);
            decayLast = decay.dim(2);
            if (decayLast != h && decayLast != h * dk) {
                throw new IllegalArgumentException("decay last dim " + decayLast + " must be kv_num_heads (" + h
                        + ") or kv_num_heads*d_k (" + h * dk + ")");
            }
            same("decay", decay, b, len, decayLast);
        }
        int betaLast = 0;
        if (beta != null) {
            rank3("beta", beta);
            betaLast = beta.dim(2);
            if (betaLast != h && betaLast != 1) {
                throw new IllegalArgumentException("beta last dim " + betaLast + " must be kv_num_heads (" + h + ") or 1");
            }
            same("beta", beta, b, len, betaLast);
        }
        if (erase != null) {
            rank3("erase_gate", erase);
            same("erase_gate", erase, b, len, h * dk);
        }
        long stateLong = (long) b * h * dk * dv;
        long outLong = (long) b * len * qHeads * dv;
        if (stateLong > Integer.MAX_VALUE - 8 || outLong > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("state [" + b + ", " + h + ", " + dk + ", " + dv + "] or output is too large");
        }
        int stateSize = (int) stateLong;
        double[] s = new double[stateSize];
        DType stateType = t;
        if (past != null) {
            int[] want = {b, h, dk, dv};
            if (!java.util.Arrays.equals(past.shape(), want)) {
                throw new IllegalArgumentException("past_state must have shape " + Shapes.toString(want) + ", got "
                        + Shapes.toString(past.shape()));
            }
            stateType = past.dtype();
            for (int i = 0; i < stateSize; i++) s[i] = past.getDouble(i);
        }
        double sc = scale == 0 ? 1 / Math.sqrt(dk) : scale;
        double[] out = new double[b * len * qHeads * dv];
        double[] kt = new double[dk];
        double[] vt = new double[dv];
        double[] ke = new double[dk];
        for (int bi = 0; bi < b; bi++) {
            for (int ti = 0; ti < len; ti++) {
                int row = bi * len + ti;
                for (int hi = 0; hi < h; hi++) {
                    int base = (bi * h + hi) * dk * dv;
                    for (int d = 0; d < dk; d++) kt[d] = k.getDouble(row * h * dk + hi * dk + d);
                    for (int m = 0; m < dv; m++) vt[m] = v.getDouble(row * h * dv + hi * dv + m);
                    if (gated) {
                        for (int d = 0; d < dk; d++) {
                            double e = Math.exp(decay.getDouble(row * decayLast + (decayLast == h ? hi : hi * dk + d)));
                            for (int m = 0; m < dv; m++) s[base + d * dv + m] *= e;
                        }
                    }
                    if (delta) {
                        for (int d = 0; d < dk; d++) {
                            ke[d] = erase == null ? kt[d] : kt[d] * erase.getDouble(row * h * dk + hi * dk + d);
                        }
                        double bt = beta.getDouble(row * betaLast + (betaLast == 1 ? 0 : hi));
                        for (int m = 0; m < dv; m++) {
                            double r = 0;
                            for (int d = 0; d < dk; d++) r += s[base + d * dv + m] * ke[d];
                            vt[m] = bt * (vt[m] - r);
                        }
                    }
                    for (int d = 0; d < dk; d++) {
                        for (int m = 0; m < dv; m++) s[base + d * dv + m] += kt[d] * vt[m];
                    }
                    for (int gi = 0; gi < g; gi++) {
                        int qh = hi * g + gi;
                        int qOff = row * qHeads * dk + qh * dk;
                        int oOff = row * qHeads * dv + qh * dv;
                        for (int m = 0; m < dv; m++) {
                            double acc = 0;
                            for (int d = 0; d < dk; d++) acc += q.getDouble(qOff + d) * s[base + d * dv + m];
                            out[oOff + m] = sc * acc;
                        }
                    }
                }
            }
        }
        return List.of(Tensor.fromDoubles(t, new int[] {b, len, qHeads * dv}, out),
                Tensor.fromDoubles(stateType, new int[] {b, h, dk, dv}, s));
    }

    private static void rank3(String name, Tensor x) {
        if (x.rank() != 3) {
            throw new IllegalArgumentException(name + " must be rank 3 (batch, sequence, heads*dim), got " + Shapes.toString(x.shape()));
        }
    }

    private static void same(String name, Tensor x, int b, int len, int last) {
        if (x.dim(0) != b || x.dim(1) != len || x.dim(2) != last) {
            throw new IllegalArgumentException(name + " must have shape " + Shapes.toString(new int[] {b, len, last})
                    + ", got " + Shapes.toString(x.shape()));
        }
    }
}
