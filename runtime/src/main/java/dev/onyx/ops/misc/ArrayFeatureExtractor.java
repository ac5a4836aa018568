package dev.onyx.ops.misc;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.kernel.Copy;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * ONNX-ML ArrayFeatureExtractor: selects the given (int64) indices of X's last axis; the output is
 * X's shape with the last dim replaced by the number of indices ([1, n] for a 1-D X).
 */
public final class ArrayFeatureExtractor implements Op {
    @Override
    public List<Fact> infer(List<Fact> in) {
        Fact x = in.get(0), y = in.get(1);
        if (!x.hasRank()) return List.of(Fact.unknownShape(x.dtype()));
        Dim n = Dim.UNKNOWN;
        if (y.isStatic()) n = Dim.of(Shapes.size(y.staticShape()));
        List<Dim> d = new ArrayList<>();
        if (x.rank() <= 1) d.add(Dim.of(1));
        else d.addAll(x.dims().subList(0, x.rank() - 1));
        d.add(n);
        return List.of(Fact.of(x.dtype(), d));
    }

    @Override
    public List<Tensor> run(List<Tensor> in) {
        Tensor x = in.get(0), y = in.get(1);
        if (!y.dtype().isInteger()) throw new IllegalArgumentException("indices must be int64, got " + y.dtype());
        int[] s = x.shape();
        if (s.length == 0) throw new IllegalArgumentException("X must have rank at least 1");
        int last = s[s.length - 1];
        int k = y.size();
        int[] idx = new int[k];
        for (int i = 0; i < k; i++) {
            long v = y.getLong(i);
            if (v < 0 || v >= last) throw new IllegalArgumentException("index " + v + " is out of range [0, " + last + ")");
            idx[i] = (int) v;
        }
        int outer = Shapes.product(s, 0, s.length - 1);
        int[] pos = new int[outer * k];
        for (int o = 0; o < outer; o++) for (int i = 0; i < k; i++) pos[o * k + i] = o * last + idx[i];
        int[] os;
        if (s.length == 1) os = new int[] {1, k};
        else {
            os = s.clone();
            os[s.length - 1] = k;
        }
        DType t = x.dtype();
        return List.of(Tensor.wrap(t, os, Copy.take(x.storage(), pos)));
    }
}
