package dev.onyx.ops.misc;

import dev.onyx.ir.Attribute;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.onyx.ops.misc.Harness.*;
import static org.assertj.core.api.Assertions.assertThat;

class StringOpsTest {
    @Test
    void normalizerDropsStopwordsAndChangesCase() {
        Op op = op("StringNormalizer", 10, 1, Attribute.ofString("case_change_action", "UPPER"), strings("stopwords", "monday"));
        Tensor y = run1(op, Tensor.of(new String[] {"Monday", "tuesday", "monday"}, 1, 3));
        assertThat(y.shape()).containsExactly(1, 1);
        assertThat(y.strings()).containsExactly("TUESDAY");
        Op cs = op("StringNormalizer", 10, 1, Attribute.ofInt("is_case_sensitive", 1), strings("stopwords", "monday"));
        assertThat(run1(cs, Tensor.of(new String[] {"Monday", "monday"}, 2)).strings()).containsExactly("Monday");
        Tensor empty = run1(cs, Tensor.of(new String[] {"monday"}, 1));
        assertThat(empty.shape()).containsExactly(1);
        assertThat(empty.strings()).containsExactly("");
    }

    @Test
    void concatBroadcasts() {
        Tensor y = run1(op("StringConcat", 20, 2), Tensor.of(new String[] {"a", "b"}, 2, 1), Tensor.of(new String[] {"x", "y", "z"}, 3));
        assertThat(y.shape()).containsExactly(2, 3);
        assertThat(y.strings()).containsExactly("ax", "ay", "az", "bx", "by", "bz");
    }

    @Test
    void splitLikePython() {
        Op op = op("", "StringSplit", 20, 1, 2, Attribute.ofString("delimiter", "-"), Attribute.ofInt("maxsplit", 2));
        List<Tensor> r = run(op, Tensor.of(new String[] {"a-b-c-d", "x", ""}, 3));
        assertThat(r.get(0).shape()).containsExactly(3, 3);
        assertThat(r.get(0).strings()).containsExactly("a", "b", "c-d", "x", "", "", "", "", "");
        assertThat(r.get(1).longs()).containsExactly(3, 1, 1);
        Op ws = op("", "StringSplit", 20, 1, 2, Attribute.ofInt("maxsplit", 1));
        List<Tensor> w = run(ws, Tensor.of(new String[] {"  a  b c ", "   "}, 2));
        assertThat(w.get(0).strings()).containsExactly("a", "b c ", "", "");
        assertThat(w.get(1).longs()).containsExactly(2, 0);
    }

    @Test
    void regexFullMatch() {
        Op op = op("RegexFullMatch", 20, 1, Attribute.ofString("pattern", "(?P<user>\\w+)@\\w+\\.com"));
        Tensor y = run1(op, Tensor.of(new String[] {"me@x.com", "me@x.com!", "x"}, 3));
        assertThat(y.dtype()).isEqualTo(DType.BOOL);
        assertThat(y.booleans()).containsExactly(true, false, false);
    }
}
