package dev.onyx.ops.shape;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;

import java.util.List;

/** ONNX Range: start, start+delta, ... up to (not including) limit, in the inputs' type. */
public final class Range implements Op {
    @Override
    public List<Fact> infer(List<Fact> inputs) {
        DType dt = inputs.get(0).dtype();
        Tensor s = inputs.get(0).constant(), l = inputs.get(1).constant(), d = inputs.get(2).constant();
        if (s != null && l != null && d != null) {
            return List.of(Fact.of(dt, (int) count(s, l, d)));
        }
        return List.of(Fact.of(dt, List.of(Dim.UNKNOWN)));
    }

    private static long count(Tensor start, Tensor limit, Tensor delta) {
        if (start.size() != 1 || limit.size() != 1 || delta.size() != 1) {
            throw new IllegalArgumentException("start, limit and delta must be scalars");
        }
        if (start.dtype() != limit.dtype() || start.dtype() != delta.dtype()) {
            throw new IllegalArgumentException("start, limit and delta have types " + start.dtype() + ", "
                    + limit.dtype() + ", " + delta.dtype());
        }
        long n;
        if (start.dtype().isInteger()) {
            long a = start.getLong(0), b = limit.getLong(0), c = delta.getLong(0);
            if (c == 0) throw new IllegalArgumentException("delta is 0");
            n = Math.max(0, Math.ceilDiv(Math.subtractExact(b, a), c));
        } else {
            double a = start.getDouble(0), b = limit.getDouble(0), c = delta.getDouble(0);
            if (c == 0) throw new IllegalArgumentException("delta is 0");
            double q = Math.ceil((b - a) / c);
            if (Double.isNaN(q)) throw new IllegalArgumentException("range of NaN length");
            n = (long) Math.max(0, q);
        }
        if (n > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("range has " + n + " elements, more than 2^31");
        return n;
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor start = inputs.get(0), limit = inputs.get(1), delta = inputs.get(2);
        int n = (int) count(start, limit, delta);
        DType dt = start.dtype();
        Tensor.Writer w = new Tensor.Writer(dt, new int[] {n});
        if (dt.isInteger()) {
            long a = start.getLong(0), c = delta.getLong(0);
            for (int i = 0; i < n; i++) w.setLong(i, a + i * c);
        } else if (dt == DType.FLOAT) {
            float a = (float) start.getDouble(0), c = (float) delta.getDouble(0);
            float[] out = (float[]) w.storage();
            for (int i = 0; i < n; i++) out[i] = a + i * c;
        } else {
            double a = start.getDouble(0), c = delta.getDouble(0);
            for (int i = 0; i < n; i++) w.setDouble(i, a + i * c);
        }
        return List.of(w.done());
    }
}
