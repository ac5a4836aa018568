package dev.onyx.ops.misc;

import dev.onyx.ir.Attribute;
import dev.onyx.ops.Op;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static dev.onyx.ops.misc.Harness.*;
import static org.assertj.core.api.Assertions.assertThat;

class TfIdfVectorizerTest {
    // ONNX's tf_batch_uniandbigrams_skip5 case
    private static Op op(String mode, int minGram, int maxGram, int skip, Attribute... extra) {
        Attribute[] a = {Attribute.ofString("mode", mode), Attribute.ofInt("min_gram_length", minGram),
            Attribute.ofInt("max_gram_length", maxGram), Attribute.ofInt("max_skip_count", skip),
            ints("ngram_counts", 0, 4), ints("ngram_indexes", 0, 1, 2, 3, 4, 5, 6),
            ints("pool_int64s", 2, 3, 5, 4, 5, 6, 7, 8, 6, 7)};
        Attribute[] all = java.util.Arrays.copyOf(a, a.length + extra.length);
        System.arraycopy(extra, 0, all, a.length, extra.length);
        return Harness.op("TfIdfVectorizer", 9, 1, all);
    }

    private static final Tensor X = Tensor.of(new int[] {1, 1, 3, 3, 3, 7, 8, 6, 7, 5, 6, 8}, 2, 6);

    @Test
    void uniAndBigramsWithSkips() {
        Tensor y = run1(op("TF", 1, 2, 5), X);
        assertThat(y.shape()).containsExactly(2, 7);
        assertThat(y.floats()).containsExactly(0, 3, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 1, 1);
    }

    @Test
    void onlyBigramsNoSkip() {
        Tensor y = run1(op("TF", 2, 2, 0), X);
        assertThat(y.floats()).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1);
    }

    @Test
    void idfAndTfidfWeights() {
        float[] w = {1, 2, 3, 4, 5, 6, 7};
        assertThat(run1(op("IDF", 1, 2, 5, floats("weights", w)), X).floats())
                .containsExactly(0, 2, 0, 0, 0, 0, 0, 0, 0, 3, 0, 5, 6, 7);
        assertThat(run1(op("TFIDF", 1, 2, 5, floats("weights", w)), X).floats())
                .containsExactly(0, 6, 0, 0, 0, 0, 0, 0, 0, 3, 0, 5, 6, 7);
    }
}
