package dev.onyx.ops.seq;

import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.List;

/** ONNX Det: determinants of the square matrices in the last two axes (LU with partial pivoting, in double). */
final class Det implements Op {
    static Op create(NodeContext ctx) {
        ctx.expectInputs(1, 1);
        return new Det();
    }

    @Override
    public List<Fact> infer(List<Fact> in) {
        Fact x = in.get(0);
        SeqData.requireFloating(x, "input X");
        if (x == null || !x.hasRank() || x.rank() < 2) return List.of(Fact.unknownShape(x == null ? null : x.dtype()));
        return List.of(Fact.of(x.dtype(), x.dims().subList(0, x.rank() - 2)));
    }

    @Override
    public List<Tensor> run(List<Tensor> in) {
        Tensor x = in.get(0);
        SeqData.requireFloating(x, "input X");
        int[] s = x.shape();
        if (s.length < 2 || s[s.length - 1] != s[s.length - 2]) {
            throw new IllegalArgumentException("input X: expected [..., M, M], got " + Shapes.toString(s));
        }
        int m = s[s.length - 1], mm = m * m;
        int[] outShape = java.util.Arrays.copyOf(s, s.length - 2);
        int count = Shapes.size(outShape);
        double[] v = SeqData.doubles(x);
        double[] out = new double[count];
        double[] a = new double[mm];
        for (int k = 0; k < count; k++) {
            System.arraycopy(v, k * mm, a, 0, mm);
            out[k] = det(a, m);
        }
        return List.of(SeqData.fromDoubles(x.dtype(), outShape, out));
    }

    /** Determinant of an m x m row-major matrix, destroying it. */
    static double det(double[] a, int m) {
        double d = 1;
        for (int c = 0; c < m; c++) {
            int piv = c;
            for (int r = c + 1; r < m; r++) if (Math.abs(a[r * m + c]) > Math.abs(a[piv * m + c])) piv = r;
            if (a[piv * m + c] == 0) return 0;
            if (piv != c) {
                for (int j = 0; j < m; j++) {
                    double t = a[c * m + j];
                    a[c * m + j] = a[piv * m + j];
                    a[piv * m + j] = t;
                }
                d = -d;
            }
            double p = a[c * m + c];
            d *= p;
            for (int r = c + 1; r < m; r++) {
                double f = a[r * m + c] / p;
                if (f == 0) continue;
                for (int j = c + 1; j < m; j++) a[r * m + j] -= f * a[c * m + j];
            }
        }
        return d;
    }
}
