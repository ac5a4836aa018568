package dev.onyx.ops.seq;

import dev.onyx.ir.Fact;
import dev.onyx.kernel.Copy;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.List;

/** ONNX ReverseSequence: reverses the first sequence_lens[b] steps of every batch entry along the time axis. */
final class ReverseSequence implements Op {
    private final int timeAxis;
    private final int batchAxis;

    private ReverseSequence(int timeAxis, int batchAxis) {
        this.timeAxis = timeAxis;
        this.batchAxis = batchAxis;
    }

    static Op create(NodeContext ctx) {
        ctx.expectInputs(2, 2);
        long t = ctx.attrs().getInt("time_axis", 0), b = ctx.attrs().getInt("batch_axis", 1);
        if ((t != 0 && t != 1) || (b != 0 && b != 1) || t == b) {
            throw ctx.invalid("attributes 'time_axis' and 'batch_axis': expected 0 and 1 in some order, got " + t + " and " + b);
        }
        return new ReverseSequence((int) t, (int) b);
    }

    @Override
    public List<Fact> infer(List<Fact> in) {
        Fact x = in.get(0);
        return List.of(x == null ? Fact.UNKNOWN : new Fact(x.dtype(), x.dims(), null));
    }

    @Override
    public List<Tensor> run(List<Tensor> in) {
        Tensor x = in.get(0), lens = in.get(1);
        int[] s = x.shape();
        if (s.length < 2) throw new IllegalArgumentException("input: expected rank >= 2, got " + Shapes.toString(s));
        int seq = s[timeAxis], batch = s[batchAxis], inner = Shapes.product(s, 2, s.length);
        SeqData.expectShape(lens, "input 'sequence_lens'", batch);
        Object src = x.storage(), dst = Copy.range(src, 0, x.size());
        for (int b = 0; b < batch; b++) {
            long len = lens.getLong(b);
            if (len < 0 || len > seq) {
                throw new IllegalArgumentException("input 'sequence_lens': entry " + b + " is " + len + ", expected 0 to " + seq);
            }
            for (int t = 0; t < len; t++) {
                System.arraycopy(src, offset((int) len - 1 - t, b, s) * inner, dst, offset(t, b, s) * inner, inner);
            }
        }
        return List.of(Tensor.wrap(x.dtype(), s, dst));
    }

    private int offset(int t, int b, int[] s) {
        return timeAxis == 0 ? t * s[1] + b : b * s[1] + t;
    }
}
