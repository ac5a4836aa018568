package dev.onyx.ops.shape;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/** ONNX GatherND: gathers slices addressed by the last axis of indices, with batch_dims from opset 12. */
public final class GatherND implements Op {
    private final int batchDims;

    private GatherND(int batchDims) { this.batchDims = batchDims; }

    static Op create(NodeContext ctx) {
        ctx.expectInputs(2, 2);
        long b = ctx.opset() >= 12 ? ctx.attrs().getInt("batch_dims", 0) : 0;
        if (b < 0 || b > 64) throw ctx.invalid("attribute 'batch_dims': invalid value " + b);
        return new GatherND((int) b);
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        Fact x = inputs.get(0);
        Fact idx = inputs.get(1);
        if (!x.hasRank() || !idx.isStatic() && (!idx.hasRank() || !idx.dims().get(idx.rank() - 1).isKnown())) {
            return List.of(Fact.unknownShape(x.dtype()));
        }
        int q = idx.rank();
        if (q < 1) throw new IllegalArgumentException("indices must have rank >= 1, got a scalar");
        if (x.rank() < 1) throw new IllegalArgumentException("data must have rank >= 1, got a scalar");
        int k = (int) idx.dims().get(q - 1).value();
        if (k < 1) throw new IllegalArgumentException("the last dimension of indices must be >= 1, got " + k);
        List<Dim> out = new ArrayList<>(idx.dims().subList(0, q - 1));
        if (batchDims + k > x.rank()) {
            throw new IllegalArgumentException("batch_dims " + batchDims + " + index depth " + k + " exceeds data rank " + x.rank());
        }
        out.addAll(x.dims().subList(batchDims + k, x.rank()));
        return List.of(Fact.of(x.dtype(), out));
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        Tensor indices = inputs.get(1);
        int[] ds = x.shape();
        int[] is = indices.shape();
        int b = batchDims;
        if (is.length < 1 || b >= is.length || b > ds.length) {
            throw new IllegalArgumentException("batch_dims " + b + " is too large for indices of rank " + is.length);
        }
        int k = is[is.length - 1];
        if (b + k > ds.length) {
            throw new IllegalArgumentException("index depth " + k + " with batch_dims " + b + " exceeds data rank " + ds.length);
        }
        for (int d = 0; d < b; d++) {
            if (ds[d] != is[d]) {
                throw new IllegalArgumentException("batch dims differ: data " + Shapes.toString(ds) + ", indices " + Shapes.toString(is));
            }
        }
        int batch = Shapes.product(ds, 0, b);
        int slice = Shapes.product(ds, b + k, ds.length);
        int perBatch = Shapes.product(is, b, is.length - 1);
        int dataBatch = Shapes.product(ds, b, ds.length);
        int[] strides = Shapes.strides(ds);
        long[] idx = ShapeUtil.longs(indices, "indices");
        int[] out = new int[is.length - 1 + ds.length - b - k];
        System.arraycopy(is, 0, out, 0, is.length - 1);
        System.arraycopy(ds, b + k, out, is.length - 1, ds.length - b - k);
        Object dst = Tensor.allocate(x.dtype(), Shapes.size(out));
        Object src = x.storage();
        int dp = 0;
        for (int bi = 0; bi < batch; bi++) {
            for (int j = 0; j < perBatch; j++) {
                int row = (bi * perBatch + j) * k;
                int p = bi * dataBatch;
                for (int t = 0; t < k; t++) {
                    int len = ds[b + t];
                    long v = idx[row + t];
                    long w = v < 0 ? v + len : v;
                    if (w < 0 || w >= len) {
                        throw new IllegalArgumentException("index " + v + " is out of range for axis " + (b + t) + " of size " + len);
                    }
                    p += (int) w * strides[b + t];
                }
                System.arraycopy(src, p, dst, dp, slice);
                dp += slice;
            }
        }
        return List.of(Tensor.wrap(x.dtype(), out, dst));
    }
}
