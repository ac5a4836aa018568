package dev.onyx.ops.seq;

import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.List;

/**
 * ONNX RotaryEmbedding (opset 23): rotates the first rotary_embedding_dim features of every head by the cos/sin
 * caches (gathered by position_ids when given), in halves or interleaved pairs. X is [B, heads, S, H] or [B, S, hidden].
 */
final class RotaryEmbedding implements Op {
    private final boolean interleaved;
    private final long numHeads;
    private final long rotaryDim;

    private RotaryEmbedding(boolean interleaved, long numHeads, long rotaryDim) {
        this.interleaved = interleaved;
        this.numHeads = numHeads;
        this.rotaryDim = rotaryDim;
    }

    static Op create(NodeContext ctx) {
        ctx.expectInputs(3, 4);
        var a = ctx.attrs();
        long il = a.getInt("interleaved", 0), nh = a.getInt("num_heads", 0), rd = a.getInt("rotary_embedding_dim", 0);
        if (il != 0 && il != 1) throw ctx.invalid("attribute 'interleaved': expected 0 or 1, got " + il);
        if (nh < 0) throw ctx.invalid("attribute 'num_heads': expected >= 0, got " + nh);
        if (rd < 0) throw ctx.invalid("attribute 'rotary_embedding_dim': expected >= 0, got " + rd);
        return new RotaryEmbedding(il == 1, nh, rd);
    }

    @Override
    public List<Fact> infer(List<Fact> in) {
        Fact x = in.get(0);
        SeqData.requireFloating(x, "input X");
        return List.of(x == null ? Fact.UNKNOWN : new Fact(x.dtype(), x.dims(), null));
    }

    @Override
    public List<Tensor> run(List<Tensor> in) {
        Tensor xt = in.get(0), cosT = in.get(1), sinT = in.get(2), posT = in.size() > 3 ? in.get(3) : null;
        SeqData.requireFloating(xt, "input X");
        int[] s = xt.shape();
        int batch, seq, heads, head;
        if (s.length == 4) {
            batch = s[0]; heads = s[1]; seq = s[2]; head = s[3];
        } else if (s.length == 3) {
            if (numHeads == 0) throw new IllegalArgumentException("attribute 'num_heads' is required for a 3-D input X");
            if (s[2] % numHeads != 0) throw new IllegalArgumentException("input X: hidden size " + s[2] + " is not a multiple of num_heads " + numHeads);
            batch = s[0]; seq = s[1]; heads = (int) numHeads; head = s[2] / heads;
        } else {
            throw new IllegalArgumentException("input X: expected rank 3 or 4, got " + Shapes.toString(s));
        }
        int rot = rotaryDim == 0 ? head : (int) rotaryDim;
        if (rot > head || rot % 2 != 0) throw new IllegalArgumentException("rotary_embedding_dim " + rot + " must be even and at most the head size " + head);
        int half = rot / 2;
        double[] cos = SeqData.doubles(cosT), sin = SeqData.doubles(sinT);
        if (cosT.dim(-1) != half || sinT.dim(-1) != half) {
            throw new IllegalArgumentException("inputs cos_cache/sin_cache: expected last dimension " + half + ", got "
                    + Shapes.toString(cosT.shape()) + " and " + Shapes.toString(sinT.shape()));
        }
        int cacheRows = cosT.size() / Math.max(half, 1);
        if (posT == null && cacheRows != batch * seq) {
            throw new IllegalArgumentException("inputs cos_cache: expected [" + batch + ", " + seq + ", " + half + "] without position_ids, got "
                    + Shapes.toString(cosT.shape()));
        }
        if (posT != null && posT.size() != batch * seq) {
            throw new IllegalArgumentException("input position_ids: expected [" + batch + ", " + seq + "], got " + Shapes.toString(posT.shape()));
        }
        double[] x = SeqData.doubles(xt);
        double[] out = x.clone();
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < seq; t++) {
                int row = b * seq + t;
                if (posT != null) {
                    long p = posT.getLong(row);
                    if (p < 0 || p >= cacheRows) throw new IllegalArgumentException("input position_ids: " + p + " is outside the cache of " + cacheRows + " rows");
                    row = (int) p;
                }
                for (int n = 0; n < heads; n++) {
                    int base = s.length == 4 ? ((b * heads + n) * seq + t) * head : (b * seq + t) * heads * head + n * head;
                    for (int i = 0; i < half; i++) {
                        double c = cos[row * half + i], sn = sin[row * half + i];
                        int i1 = interleaved ? base + 2 * i : base + i;
                        int i2 = interleaved ? base + 2 * i + 1 : base + i + half;
                        double x1 = x[i1], x2 = x[i2];
                        out[i1] = c * x1 - sn * x2;
                        out[i2] = sn * x1 + c * x2;
                    }
                }
            }
        }
        return List.of(SeqData.fromDoubles(xt.dtype(), s, out));
    }
}
