package dev.onyx.ops.misc;

import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.List;

/**
 * ONNX TensorScatter (opset 24): writes update into a copy of past_cache along axis (default -2, never
 * the batch axis 0), batch b starting at write_indices[b] (default 0); mode 'circular' wraps positions
 * modulo the cache length, 'linear' requires them to fit.
 */
public final class TensorScatter implements Op {
    private final long axis;
    private final boolean circular;

    private TensorScatter(long axis, boolean circular) {
        this.axis = axis;
        this.circular = circular;
    }

    static Op create(NodeContext ctx) {
        ctx.expectInputs(2, 3);
        String mode = ctx.attrs().getString("mode", "linear");
        if (!mode.equals("linear") && !mode.equals("circular")) {
            throw ctx.invalid("attribute 'mode': expected 'linear' or 'circular', got '" + mode + "'");
        }
        return new TensorScatter(ctx.attrs().getInt("axis", -2), mode.equals("circular"));
    }

    @Override
    public List<Fact> infer(List<Fact> in) {
        Fact c = in.get(0);
        return List.of(c.hasRank() ? Fact.of(c.dtype(), c.dims()) : Fact.unknownShape(c.dtype()));
    }

    @Override
    public List<Tensor> run(List<Tensor> in) {
        Tensor cache = in.get(0), update = in.get(1);
        Tensor wi = in.size() > 2 ? in.get(2) : null;
        if (cache.dtype() != update.dtype()) {
            throw new IllegalArgumentException("update type " + update.dtype() + " differs from past_cache type " + cache.dtype());
        }
        int[] cs = cache.shape(), us = update.shape();
        int r = cs.length;
        if (us.length != r) throw new IllegalArgumentException("update rank " + us.length + " differs from past_cache rank " + r);
        long av = axis < 0 ? axis + r : axis;
        if (av < 1 || av >= r) throw new IllegalArgumentException("axis " + axis + " is out of range for rank " + r + " (axis 0 is the batch)");
        int a = (int) av;
        for (int i = 0; i < r; i++) {
            if (i != a && cs[i] != us[i] || i == a && us[i] > cs[i]) {
                throw new IllegalArgumentException("update shape " + Shapes.toString(us) + " does not fit past_cache shape "
                        + Shapes.toString(cs) + " at dim " + i);
            }
        }
        int batch = cs[0];
        if (wi != null && (wi.size() != batch || !wi.dtype().isInteger())) {
            throw new IllegalArgumentException("write_indices must be " + batch + " integers, got " + wi.dtype() + " " + Shapes.toString(wi.shape()));
        }
        int max = cs[a], seq = us[a];
        int inner = Shapes.product(cs, a + 1, r);
        int perBatch = Shapes.product(cs, 1, a);
        Object out = dev.onyx.kernel.Copy.range(cache.storage(), 0, cache.size());
        Object src = update.storage();
        for (int b = 0; b < batch; b++) {
            long start = wi == null ? 0 : wi.getLong(b);
            if (start < 0 || start >= max && max > 0) {
                throw new IllegalArgumentException("write_indices[" + b + "] = " + start + " is out of range [0, " + max + ")");
            }
            if (!circular && start + seq > max) {
                throw new IllegalArgumentException("write_indices[" + b + "] = " + start + " plus " + seq + " updates exceeds the cache length " + max);
            }
            for (int p = 0; p < perBatch; p++) {
                int prefix = b * perBatch + p;
                for (int s = 0; s < seq; s++) {
                    int pos = (int) ((start + s) % max);
                    System.arraycopy(src, (prefix * seq + s) * inner, out, (prefix * max + pos) * inner, inner);
                }
            }
        }
        return List.of(Tensor.wrap(cache.dtype(), cs, out));
    }
}
