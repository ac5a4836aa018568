package dev.onyx.ops.misc;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ONNX TfIdfVectorizer (opset 9): counts the n-grams of the pool (lengths min_gram_length..max_gram_length,
 * items up to max_skip_count apart) in each row of a [C] or [N, C] int32/int64/string input and
 * weighs the counts by mode TF, IDF or TFIDF into float [output size] or [N, output size].
 */
public final class TfIdfVectorizer implements Op {
    private enum Mode { TF, IDF, TFIDF }

    /** A trie node: the n-gram id ending here (0 = none) and the continuations. */
    private static final class Gram {
        int id;
        Map<Object, Gram> next;
    }

    private final Mode mode;
    private final int minGram, maxGram, maxSkip;
    private final int[] ngramIndexes;
    private final float[] weights;
    private final int outputSize;
    private final Gram root;
    private final boolean strings;

    private TfIdfVectorizer(Mode mode, int minGram, int maxGram, int maxSkip, int[] ngramIndexes, float[] weights,
                            int outputSize, Gram root, boolean strings) {
        this.mode = mode;
        this.minGram = minGram;
        this.maxGram = maxGram;
        this.maxSkip = maxSkip;
        this.ngramIndexes = ngramIndexes;
        this.weights = weights;
        this.outputSize = outputSize;
        this.root = root;
        this.strings = strings;
    }

    static Op create(NodeContext ctx) {
        ctx.expectInputs(1, 1);
        var a = ctx.attrs();
        Mode mode;
        String m = a.requireString("mode");
        try {
            mode = Mode.valueOf(m);
        } catch (IllegalArgumentException e) {
            throw ctx.invalid("attribute 'mode': expected TF, IDF or TFIDF, got '" + m + "'");
        }
        long minG = a.requireInt("min_gram_length"), maxG = a.requireInt("max_gram_length"), skip = a.requireInt("max_skip_count");
        if (minG < 1 || maxG < minG || maxG > 1000) throw ctx.invalid("expected 1 <= min_gram_length <= max_gram_length, got " + minG + " and " + maxG);
        if (skip < 0 || skip > 1_000_000) throw ctx.invalid("attribute 'max_skip_count': " + skip + " is out of range");
        long[] counts = a.requireInts("ngram_counts");
        int[] indexes = a.getIntArray("ngram_indexes");
        if (indexes == null) throw ctx.invalid("missing required attribute 'ngram_indexes'");
        float[] weights = a.getFloats("weights");
        long[] poolInts = a.getInts("pool_int64s");
        List<String> poolStrings = a.getStrings("pool_strings");
        if ((poolInts == null) == (poolStrings == null)) throw ctx.invalid("exactly one of pool_int64s and pool_strings must be given");
        List<Object> pool = new ArrayList<>();
        if (poolInts != null) for (long v : poolInts) pool.add(v);
        else pool.addAll(poolStrings);
        int outputSize = 0;
        for (int i : indexes) {
            if (i < 0) throw ctx.invalid("attribute 'ngram_indexes': negative value " + i);
            outputSize = Math.max(outputSize, i + 1);
        }
        if (weights != null && weights.length > 0 && weights.length < outputSize) {
            throw ctx.invalid("attribute 'weights': " + weights.length + " values for an output of size " + outputSize);
        }
        Gram root = new Gram();
        root.next = new HashMap<>();
        int id = 1;
        int total = pool.size();
        for (int i = 0; i < counts.length; i++) {
            int n = i + 1;
            long start = counts[i];
            long end = i + 1 < counts.length ? counts[i + 1] : total;
            if (start < 0 || end > total || end < start) throw ctx.invalid("attribute 'ngram_counts': bad range " + start + ".." + end);
            long items = end - start;
            if (items % n != 0) throw ctx.invalid(items + " pool items do not form " + n + "-grams");
            int grams = (int) (items / n);
            if (n >= minG && n <= maxG) {
                for (int g = 0; g < grams; g++) {
                    Gram node = root;
                    for (int j = 0; j < n; j++) {
                        Object key = pool.get((int) start + g * n + j);
                        if (node.next == null) node.next = new HashMap<>();
                        node = node.next.computeIfAbsent(key, k -> new Gram());
                    }
                    if (node.id == 0) node.id = id;
                    id++;
                }
            } else {
                id += grams;
            }
        }
        if (id - 1 > indexes.length) throw ctx.invalid((id - 1) + " n-grams but " + indexes.length + " ngram_indexes");
        return new TfIdfVectorizer(mode, (int) minG, (int) maxG, (int) skip, indexes, weights, outputSize, root, poolStrings != null);
    }

    @Override
    public List<Fact> infer(List<Fact> in) {
        Fact x = in.get(0);
        if (!x.hasRank()) return List.of(Fact.unknownShape(DType.FLOAT));
        if (x.rank() == 2) return List.of(Fact.of(DType.FLOAT, List.of(x.dims().get(0), Dim.of(outputSize))));
        return List.of(Fact.of(DType.FLOAT, outputSize));
    }

    @Override
    public List<Tensor> run(List<Tensor> in) {
        Tensor x = in.get(0);
        if (strings != (x.dtype() == DType.STRING)) {
            throw new IllegalArgumentException("input of type " + x.dtype() + " for a pool of " + (strings ? "strings" : "integers"));
        }
        if (!strings && x.dtype() != DType.INT64 && x.dtype() != DType.INT32) {
            throw new IllegalArgumentException("TfIdfVectorizer takes int32, int64 or string, got " + x.dtype());
        }
        int[] s = x.shape();
        int rows, c;
        int[] os;
        if (s.length <= 1) {
            rows = 1;
            c = s.length == 0 ? 1 : s[0];
            os = new int[] {outputSize};
        } else if (s.length == 2) {
            rows = s[0];
            c = s[1];
            os = new int[] {rows, outputSize};
        } else {
            throw new IllegalArgumentException("TfIdfVectorizer takes shape [C] or [N, C], got " + Shapes.toString(s));
        }
        Object[] items = new Object[x.size()];
        for (int i = 0; i < items.length; i++) items[i] = strings ? ((String[]) x.storage())[i] : (Object) x.getLong(i);
        long[] freq = new long[rows * outputSize];
        for (int r = 0; r < rows; r++) count(items, r * c, c, freq, r * outputSize);
        float[] out = new float[freq.length];
        boolean w = weights != null && weights.length > 0;
        for (int i = 0; i < freq.length; i++) {
            int col = i % outputSize;
            out[i] = switch (mode) {
                case TF -> freq[i];
                case IDF -> freq[i] > 0 ? (w ? weights[col] : 1) : 0;
                case TFIDF -> w ? weights[col] * freq[i] : freq[i];
            };
        }
        return List.of(Tensor.wrap(DType.FLOAT, os, out));
    }

    private void count(Object[] items, int begin, int c, long[] freq, int outBase) {
        int end = begin + c;
        int startSize = minGram;
        for (int skip = 1; skip <= maxSkip + 1; skip++) {
            for (int start = begin; start < end; start++) {
                if (start + (long) skip * (startSize - 1) >= end) break;
                Gram node = root;
                int item = start;
                for (int size = 1; node.next != null && size <= maxGram && item < end; size++, item += skip) {
                    Gram g = node.next.get(items[item]);
                    if (g == null) break;
                    if (size >= startSize && g.id != 0) freq[outBase + ngramIndexes[g.id - 1]]++;
                    node = g;
                }
            }
            // unigrams are counted once: skipping does not change them
            if (startSize == 1) {
                startSize = 2;
                if (startSize > maxGram) break;
            }
        }
    }
}
