package dev.onyx.ops.seq;

import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;

import java.util.List;

/** ONNX EyeLike: a 2-D tensor shaped like the input with ones on the k-th diagonal, of the input type or 'dtype'. */
final class EyeLike implements Op {
    private final DType dtype;
    private final long k;

    private EyeLike(DType dtype, long k) {
        this.dtype = dtype;
        this.k = k;
    }

    static Op create(NodeContext ctx) {
        ctx.expectInputs(1, 1);
        DType dt = null;
        if (ctx.attrs().has("dtype")) {
            long code = ctx.attrs().getInt("dtype", 0);
            dt = DType.fromOnnx((int) code);
            if (dt == null || dt == DType.STRING) {
                throw ctx.invalid("attribute 'dtype': unsupported data type " + DType.onnxName((int) code));
            }
        }
        return new EyeLike(dt, ctx.attrs().getInt("k", 0));
    }

    @Override
    public List<Fact> infer(List<Fact> in) {
        Fact x = in.get(0);
        DType dt = dtype != null ? dtype : (x == null ? null : x.dtype());
        if (x != null && x.hasRank() && x.rank() != 2) {
            throw new dev.onyx.InvalidModelException("input: expected a 2-D tensor, got " + x.describe());
        }
        return List.of(Fact.of(dt, x == null || !x.hasRank() ? null : x.dims()));
    }

    @Override
    public List<Tensor> run(List<Tensor> in) {
        Tensor x = in.get(0);
        if (x.rank() != 2) throw new IllegalArgumentException("input: expected a 2-D tensor, got " + x);
        DType dt = dtype != null ? dtype : x.dtype();
        if (dt == DType.STRING) throw new IllegalArgumentException("EyeLike does not make string tensors");
        int rows = x.dim(0), cols = x.dim(1);
        Tensor.Writer w = new Tensor.Writer(dt, new int[] {rows, cols});
        for (int i = 0; i < rows; i++) {
            long j = i + k;
            if (j >= 0 && j < cols) w.setLong(i * cols + (int) j, 1);
        }
        return List.of(w.done());
    }
}
