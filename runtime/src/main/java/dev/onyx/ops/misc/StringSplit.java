package dev.onyx.ops.misc;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * ONNX StringSplit (opset 20): splits each string on delimiter (or, when it is absent or empty, on runs
 * of whitespace, ignoring leading and trailing ones) at most maxsplit times, as Python's str.split;
 * outputs the pieces padded with "" to [..., max count] and the int64 count of each.
 */
public final class StringSplit implements Op {
    private final String delimiter;
    private final long maxsplit;

    private StringSplit(String delimiter, long maxsplit) {
        this.delimiter = delimiter;
        this.maxsplit = maxsplit;
    }

    static Op create(NodeContext ctx) {
        ctx.expectInputs(1, 1);
        String d = ctx.attrs().getString("delimiter", "");
        long m = ctx.attrs().getInt("maxsplit", -1);
        return new StringSplit(d.isEmpty() ? null : d, m < 0 ? Long.MAX_VALUE : m);
    }

    @Override
    public List<Fact> infer(List<Fact> in) {
        Fact x = in.get(0);
        if (!x.hasRank()) return List.of(Fact.unknownShape(DType.STRING), Fact.unknownShape(DType.INT64));
        List<Dim> d = new ArrayList<>(x.dims());
        d.add(Dim.UNKNOWN);
        return List.of(Fact.of(DType.STRING, d), Fact.of(DType.INT64, x.dims()));
    }

    @Override
    public List<Tensor> run(List<Tensor> in) {
        Tensor x = in.get(0);
        if (x.dtype() != DType.STRING) throw new IllegalArgumentException("StringSplit takes strings, got " + x.dtype());
        String[] v = (String[]) x.storage();
        List<List<String>> parts = new ArrayList<>(v.length);
        int max = 0;
        for (String s : v) {
            List<String> p = delimiter == null ? splitWhitespace(s, maxsplit) : split(s, delimiter, maxsplit);
            parts.add(p);
            max = Math.max(max, p.size());
        }
        int[] shape = x.shape();
        int[] os = Arrays.copyOf(shape, shape.length + 1);
        os[shape.length] = max;
        String[] out = new String[v.length * max];
        Arrays.fill(out, "");
        long[] counts = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            List<String> p = parts.get(i);
            counts[i] = p.size();
            for (int j = 0; j < p.size(); j++) out[i * max + j] = p.get(j);
        }
        return List.of(Tensor.wrap(DType.STRING, os, out), Tensor.wrap(DType.INT64, shape, counts));
    }

    /** Python's s.split(delim, maxsplit). */
    static List<String> split(String s, String delim, long maxsplit) {
        List<String> r = new ArrayList<>();
        int from = 0;
        long n = 0;
        while (n < maxsplit) {
            int at = s.indexOf(delim, from);
            if (at < 0) break;
            r.add(s.substring(from, at));
            from = at + delim.length();
            n++;
        }
        r.add(s.substring(from));
        return r;
    }

    private static boolean space(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /** Python's s.split(None, maxsplit). */
    static List<String> splitWhitespace(String s, long maxsplit) {
        List<String> r = new ArrayList<>();
        int i = 0, n = s.length();
        long splits = 0;
        while (true) {
            while (i < n && space(s.charAt(i))) i++;
            if (i >= n) break;
            if (splits >= maxsplit) {
                r.add(s.substring(i));
                break;
            }
            int j = i;
            while (j < n && !space(s.charAt(j))) j++;
            r.add(s.substring(i, j));
            splits++;
            i = j;
        }
        return r;
    }
}
