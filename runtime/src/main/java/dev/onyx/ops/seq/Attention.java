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

/**
 * ONNX Attention (opsets 23, 24): scaled dot-product attention over 3-D or 4-D Q/K/V with grouped KV heads,
 * KV cache (past/present), boolean or additive masks, causal masking, softcap, nonpad_kv_seqlen (opset 24)
 * and the optional QK output. Computed in double; fully masked rows give zeros.
 */
final class Attention implements Op {
    private final boolean causal;
    private final long qHeads;
    private final long kvHeads;
    private final int qkMode;
    private final Float scale;
    private final double softcap;
    private final int outputs;
    private final boolean[] wanted;

    private Attention(boolean causal, long qHeads, long kvHeads, int qkMode, Float scale, double softcap, int outputs, boolean[] wanted) {
        this.causal = causal;
        this.qHeads = qHeads;
        this.kvHeads = kvHeads;
        this.qkMode = qkMode;
        this.scale = scale;
        this.softcap = softcap;
        this.outputs = outputs;
        this.wanted = wanted;
    }

    static Op create(NodeContext ctx) {
        ctx.expectInputs(3, ctx.opset() >= 24 ? 7 : 6);
        var a = ctx.attrs();
        long ic = a.getInt("is_causal", 0);
        if (ic != 0 && ic != 1) throw ctx.invalid("attribute 'is_causal': expected 0 or 1, got " + ic);
        long qh = a.getInt("q_num_heads", 0), kvh = a.getInt("kv_num_heads", 0);
        if (qh < 0 || kvh < 0) throw ctx.invalid("attributes 'q_num_heads'/'kv_num_heads' must be positive");
        long mode = a.getInt("qk_matmul_output_mode", 0);
        if (mode < 0 || mode > 3) throw ctx.invalid("attribute 'qk_matmul_output_mode': expected 0 to 3, got " + mode);
        Float scale = a.has("scale") ? a.getFloat("scale", 0f) : null;
        float softcap = a.getFloat("softcap", 0f);
        if (softcap < 0) throw ctx.invalid("attribute 'softcap': expected >= 0, got " + softcap);
        if (a.has("softmax_precision")) {
            long p = a.getInt("softmax_precision", 1);
            DType t = DType.fromOnnx((int) p);
            if (t == null || !t.isFloatingPoint()) throw ctx.invalid("attribute 'softmax_precision': expected a floating type, got " + DType.onnxName((int) p));
        }
        int n = ctx.outputCount();
        if (n > 4) throw ctx.invalid("expected at most 4 outputs, got " + n);
        boolean[] wanted = new boolean[4];
        for (int i = 0; i < n; i++) wanted[i] = ctx.hasOutput(i);
        return new Attention(ic == 1, qh, kvh, (int) mode, scale, softcap, n, wanted);
    }

    @Override
    public List<Fact> infer(List<Fact> in) {
        Fact q = in.get(0), k = in.get(1), v = in.get(2);
        SeqData.requireFloating(q, "input Q");
        DType dt = q == null ? null : q.dtype();
        List<Fact> out = new ArrayList<>();
        List<Dim> y = null;
        if (q != null && q.hasRank() && v != null && v.hasRank() && q.rank() == 4 && v.rank() == 4) {
            y = List.of(q.dims().get(0), q.dims().get(1), q.dims().get(2), v.dims().get(3));
        } else if (q != null && q.hasRank() && q.rank() == 3 && v != null && v.hasRank() && v.rank() == 3 && kvHeads > 0
                && v.dims().get(2).isKnown()) {
            y = List.of(q.dims().get(0), q.dims().get(1), Dim.of(qHeads * (v.dims().get(2).value() / kvHeads)));
        }
        out.add(Fact.of(dt, y));
        for (int i = 1; i < outputs; i++) out.add(Fact.of(dt, q != null && q.hasRank() ? unknown(4) : null));
        return out;
    }

    private static List<Dim> unknown(int r) {
        List<Dim> d = new ArrayList<>();
        for (int i = 0; i < r; i++) d.add(Dim.UNKNOWN);
        return d;
    }

    @Override
    public List<Tensor> run(List<Tensor> in) {
        Tensor qt = in.get(0), kt = in.get(1), vt = in.get(2);
        Tensor maskT = in.size() > 3 ? in.get(3) : null, pastK = in.size() > 4 ? in.get(4) : null;
        Tensor pastV = in.size() > 5 ? in.get(5) : null, nonpadT = in.size() > 6 ? in.get(6) : null;
        SeqData.requireFloating(qt, "input Q");
        DType dt = qt.dtype();
        int rank = qt.rank();
        if (rank != 3 && rank != 4) throw new IllegalArgumentException("input Q: expected rank 3 or 4, got " + Shapes.toString(qt.shape()));
        if (kt.rank() != rank || vt.rank() != rank) {
            throw new IllegalArgumentException("inputs Q, K, V: expected the same rank, got " + Shapes.toString(qt.shape()) + ", "
                    + Shapes.toString(kt.shape()) + ", " + Shapes.toString(vt.shape()));
        }
        int batch = qt.dim(0);
        int hq, hkv, sq, skv, d, dv;
        double[] q, k, v;
        if (rank == 4) {
            hq = qt.dim(1); sq = qt.dim(2); d = qt.dim(3);
            hkv = kt.dim(1); skv = kt.dim(2); dv = vt.dim(3);
            if (kt.dim(3) != d || vt.dim(1) != hkv || vt.dim(2) != skv || kt.dim(0) != batch || vt.dim(0) != batch) {
                throw new IllegalArgumentException("inputs K, V: shapes " + Shapes.toString(kt.shape()) + " and " + Shapes.toString(vt.shape())
                        + " do not fit Q " + Shapes.toString(qt.shape()));
            }
            q = SeqData.doubles(qt); k = SeqData.doubles(kt); v = SeqData.doubles(vt);
        } else {
            if (qHeads <= 0 || kvHeads <= 0) throw new IllegalArgumentException("attributes 'q_num_heads' and 'kv_num_heads' are required for 3-D inputs");
            hq = (int) qHeads; hkv = (int) kvHeads; sq = qt.dim(1); skv = kt.dim(1);
            if (qt.dim(2) % hq != 0 || kt.dim(2) % hkv != 0 || vt.dim(2) % hkv != 0) {
                throw new IllegalArgumentException("inputs Q, K, V: hidden sizes must be multiples of the head counts");
            }
            d = qt.dim(2) / hq; dv = vt.dim(2) / hkv;
            if (kt.dim(2) / hkv != d || vt.dim(1) != skv) throw new IllegalArgumentException("inputs K, V: shapes do not fit Q");
            q = heads(SeqData.doubles(qt), batch, sq, hq, d);
            k = heads(SeqData.doubles(kt), batch, skv, hkv, d);
            v = heads(SeqData.doubles(vt), batch, skv, hkv, dv);
        }
        if (hq % hkv != 0) throw new IllegalArgumentException("q heads " + hq + " are not a multiple of kv heads " + hkv);
        int past = 0;
        if (pastK != null) {
            past = pastK.dim(2);
            SeqData.expectShape(pastK, "input past_key", batch, hkv, past, d);
            if (pastV == null) throw new IllegalArgumentException("input past_value is required with past_key");
            SeqData.expectShape(pastV, "input past_value", batch, hkv, past, dv);
        }
        int total = past + skv;
        double[] keys = concat(pastK == null ? null : SeqData.doubles(pastK), k, batch * hkv, past, skv, d);
        double[] vals = concat(pastV == null ? null : SeqData.doubles(pastV), v, batch * hkv, past, skv, dv);
        long[] nonpad = null;
        if (nonpadT != null) {
            SeqData.expectShape(nonpadT, "input nonpad_kv_seqlen", batch);
            nonpad = new long[batch];
            for (int b = 0; b < batch; b++) nonpad[b] = nonpadT.getLong(b);
        }
        // mask as additive bias, broadcast to [B, Hq, Sq, Tm] and padded with -inf up to the total length
        int[] mStrides = null;
        int mLen = 0;
        double[] mask = null;
        if (maskT != null) {
            int[] ms = maskT.shape();
            if (ms.length < 1 || ms.length > 4) throw new IllegalArgumentException("input attn_mask: expected rank 2 to 4, got " + Shapes.toString(ms));
            mLen = ms[ms.length - 1];
            if (mLen > total) throw new IllegalArgumentException("input attn_mask: last dimension " + mLen + " exceeds the " + total + " keys");
            mStrides = Shapes.broadcastStrides(ms, new int[] {batch, hq, sq, mLen});
            for (int i = 0; i < ms.length; i++) {
                int full = new int[] {batch, hq, sq, mLen}[4 - ms.length + i];
                if (ms[i] != 1 && ms[i] != full) throw new IllegalArgumentException("input attn_mask: shape " + Shapes.toString(ms) + " does not broadcast to " + Shapes.toString(new int[] {batch, hq, sq, mLen}));
            }
            mask = new double[maskT.size()];
            boolean bool = maskT.dtype() == DType.BOOL;
            for (int i = 0; i < mask.length; i++) {
                mask[i] = bool ? (maskT.getLong(i) != 0 ? 0 : Double.NEGATIVE_INFINITY) : maskT.getDouble(i);
            }
        }
        double sc = scale != null ? scale : 1.0 / Math.sqrt(d);
        int rep = hq / hkv;
        double[] y = new double[batch * hq * sq * dv];
        double[] qk = wanted.length > 3 && wanted[3] ? new double[batch * hq * sq * total] : null;
        double[] raw = new double[total], biased = new double[total];
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < hq; h++) {
                int kvBase = (b * hkv + h / rep) * total;
                for (int i = 0; i < sq; i++) {
                    int qBase = ((b * hq + h) * sq + i) * d;
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < total; j++) {
                        double s = 0;
                        int kb = (kvBase + j) * d;
                        for (int c = 0; c < d; c++) s += q[qBase + c] * keys[kb + c];
                        s *= sc;
                        if (softcap > 0) s = softcap * StrictMath.tanh(s / softcap);
                        raw[j] = s;
                        double bias = 0;
                        if (mask != null) {
                            bias = j < mLen ? mask[b * mStrides[0] + h * mStrides[1] + i * mStrides[2] + j * mStrides[3]] : Double.NEGATIVE_INFINITY;
                        }
                        if (causal) {
                            long offset = pastK != null ? past : (nonpad != null ? nonpad[b] - sq : 0);
                            if (j > i + offset) bias = Double.NEGATIVE_INFINITY;
                        }
                        if (nonpad != null && j >= nonpad[b]) bias = Double.NEGATIVE_INFINITY;
                        biased[j] = s + bias;
                        max = Math.max(max, biased[j]);
                    }
                    int row = ((b * hq + h) * sq + i);
                    if (qk != null && qkMode <= 2) System.arraycopy(qkMode == 2 ? biased : raw, 0, qk, row * total, total);
                    if (max == Double.NEGATIVE_INFINITY) continue; // fully masked: zero weights, zero output
                    double sum = 0;
                    for (int j = 0; j < total; j++) {
                        biased[j] = StrictMath.exp(biased[j] - max);
                        sum += biased[j];
                    }
                    for (int j = 0; j < total; j++) biased[j] /= sum;
                    if (qk != null && qkMode == 3) System.arraycopy(biased, 0, qk, row * total, total);
                    int yBase = row * dv;
                    for (int j = 0; j < total; j++) {
                        double p = biased[j];
                        if (p == 0) continue;
                        int vb = (kvBase + j) * dv;
                        for (int c = 0; c < dv; c++) y[yBase + c] += p * vals[vb + c];
                    }
                }
            }
        }
        List<Tensor> out = new ArrayList<>();
        out.add(rank == 4 ? SeqData.fromDoubles(dt, new int[] {batch, hq, sq, dv}, y)
                : SeqData.fromDoubles(dt, new int[] {batch, sq, hq * dv}, merge(y, batch, sq, hq, dv)));
        for (int i = 1; i < outputs; i++) {
            if (!wanted[i]) out.add(null);
            else if (i == 1) out.add(SeqData.fromDoubles(dt, new int[] {batch, hkv, total, d}, keys));
            else if (i == 2) out.add(SeqData.fromDoubles(dt, new int[] {batch, hkv, total, dv}, vals));
            else out.add(SeqData.fromDoubles(dt, new int[] {batch, hq, sq, total}, qk));
        }
        return out;
    }

    /** [B, S, H*D] to [B, H, S, D]. */
    private static double[] heads(double[] x, int batch, int seq, int heads, int d) {
        double[] r = new double[x.length];
        for (int b = 0; b < batch; b++)
            for (int s = 0; s < seq; s++)
                for (int h = 0; h < heads; h++)
                    System.arraycopy(x, ((b * seq + s) * heads + h) * d, r, ((b * heads + h) * seq + s) * d, d);
        return r;
    }

    /** [B, H, S, D] to [B, S, H*D]. */
    private static double[] merge(double[] x, int batch, int seq, int heads, int d) {
        double[] r = new double[x.length];
        for (int b = 0; b < batch; b++)
            for (int h = 0; h < heads; h++)
                for (int s = 0; s < seq; s++)
                    System.arraycopy(x, ((b * heads + h) * seq + s) * d, r, ((b * seq + s) * heads + h) * d, d);
        return r;
    }

    /** past ([G, P, D] or null) followed by cur ([G, S, D]) along the sequence axis. */
    private static double[] concat(double[] past, double[] cur, int groups, int p, int s, int d) {
        if (past == null) return cur;
        double[] r = new double[groups * (p + s) * d];
        for (int g = 0; g < groups; g++) {
            System.arraycopy(past, g * p * d, r, g * (p + s) * d, p * d);
            System.arraycopy(cur, g * s * d, r, (g * (p + s) + p) * d, s * d);
        }
        return r;
    }
}
