package dev.onyx.ops.shape;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.List;

/** ONNX NonZero: int64 [rank, count] coordinates of the non-zero (non-empty for strings) elements, row-major. */
public final class NonZero implements Op {
    @Override
    public List<Fact> infer(List<Fact> inputs) {
        Fact x = inputs.get(0);
        Dim rank = x.hasRank() ? Dim.of(Math.max(1, x.rank())) : Dim.UNKNOWN;
        return List.of(Fact.of(DType.INT64, List.of(rank, Dim.UNKNOWN)));
    }

    private static boolean nonZero(Tensor x, int i) {
        return switch (x.storage()) {
            case boolean[] b -> b[i];
            case String[] s -> !s[i].isEmpty();
            case float[] f -> f[i] != 0;
            case double[] d -> d[i] != 0;
            case long[] l -> l[i] != 0;
            case int[] v -> v[i] != 0;
            case byte[] b -> b[i] != 0;
            default -> x.getDouble(i) != 0;
        };
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        int[] s = x.rank() == 0 ? new int[] {1} : x.shape();
        int n = x.size();
        int count = 0;
        for (int i = 0; i < n; i++) if (nonZero(x, i)) count++;
        int r = s.length;
        long[] out = new long[r * count];
        int[] strides = Shapes.strides(s);
        int c = 0;
        for (int i = 0; i < n; i++) {
            if (!nonZero(x, i)) continue;
            int rem = i;
            for (int d = 0; d < r; d++) {
                out[d * count + c] = rem / strides[d];
                rem %= strides[d];
            }
            c++;
        }
        return List.of(Tensor.wrap(DType.INT64, new int[] {r, count}, out));
    }
}
