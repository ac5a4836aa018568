package dev.onyx.ops.misc;

import dev.onyx.ir.Fact;
import dev.onyx.kernel.Broadcast;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/** ONNX StringConcat (opset 20): element-wise concatenation of two broadcast string tensors. */
public final class StringConcat implements Op {
    @Override
    public List<Fact> infer(List<Fact> in) {
        Fact a = in.get(0), b = in.get(1);
        if (!a.hasRank() || !b.hasRank()) return List.of(Fact.unknownShape(DType.STRING));
        int r = Math.max(a.rank(), b.rank());
        List<dev.onyx.ir.Dim> d = new ArrayList<>();
        for (int i = 0; i < r; i++) {
            int ia = i - (r - a.rank()), ib = i - (r - b.rank());
            dev.onyx.ir.Dim da = ia >= 0 ? a.dims().get(ia) : dev.onyx.ir.Dim.of(1);
            dev.onyx.ir.Dim db = ib >= 0 ? b.dims().get(ib) : dev.onyx.ir.Dim.of(1);
            if (da.isKnown() && da.value() == 1) d.add(db);
            else if (db.isKnown() && db.value() == 1) d.add(da);
            else if (da.isKnown()) d.add(da);
            else if (db.isKnown()) d.add(db);
            else d.add(da.equals(db) ? da : dev.onyx.ir.Dim.UNKNOWN);
        }
        return List.of(Fact.of(DType.STRING, d));
    }

    @Override
    public List<Tensor> run(List<Tensor> in) {
        Tensor a = in.get(0), b = in.get(1);
        if (a.dtype() != DType.STRING || b.dtype() != DType.STRING) {
            throw new IllegalArgumentException("StringConcat takes strings, got " + a.dtype() + " and " + b.dtype());
        }
        int[] os = Shapes.broadcast(a.shape(), b.shape());
        String[] av = (String[]) a.storage(), bv = (String[]) b.storage();
        String[] out = new String[Shapes.size(os)];
        Broadcast.rows2(os, a.shape(), b.shape(), (ao, as, bo, bs, o, n) -> {
            for (int i = 0; i < n; i++) out[o + i] = av[ao + i * as] + bv[bo + i * bs];
        });
        return List.of(Tensor.wrap(DType.STRING, os, out));
    }
}
