package dev.onyx.ops.shape;

import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.Tensor;

import java.util.List;

/** ONNX Trilu: keeps the upper (j - i >= k) or lower (j - i <= k) triangle of the last two axes, zeros the rest. */
public final class Trilu implements Op {
    private final boolean upper;

    private Trilu(boolean upper) { this.upper = upper; }

    static Op create(NodeContext ctx) {
        ctx.expectInputs(1, 2);
        return new Trilu(ctx.attrs().getInt("upper", 1) != 0);
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        return List.of(ShapeUtil.like(inputs.get(0)));
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        if (x.rank() < 2) throw new IllegalArgumentException("expected rank 2 or more, got " + x.rank());
        long k = inputs.size() > 1 && inputs.get(1) != null ? ShapeUtil.scalarLong(inputs.get(1), "input 'k'") : 0;
        int rows = x.dim(-2), cols = x.dim(-1);
        int mats = rows * cols == 0 ? 0 : x.size() / (rows * cols);
        Tensor out = Tensor.zeros(x.dtype(), x.shape());
        Object src = x.storage(), dst = out.storage();
        for (int m = 0; m < mats; m++) {
            for (int i = 0; i < rows; i++) {
                // kept columns: [max(0, i+k), cols) when upper, [0, min(cols, i+k+1)) when lower
                long from = upper ? Math.max(0, i + k) : 0;
                long to = upper ? cols : Math.min(cols, i + k + 1);
                if (from >= to) continue;
                int p = (m * rows + i) * cols;
                System.arraycopy(src, p + (int) from, dst, p + (int) from, (int) (to - from));
            }
        }
        return List.of(out);
    }
}
