package dev.onyx.ops.misc;

import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * ONNX RegexFullMatch (opset 20): whether each string matches the pattern in full. The pattern is RE2
 * syntax, run with java.util.regex: RE2's (?P&lt;name&gt;...) groups are accepted; constructs RE2 lacks
 * (backreferences, lookaround) are accepted too rather than rejected, and \C is not supported.
 */
public final class RegexFullMatch implements Op {
    private final Pattern pattern;

    private RegexFullMatch(Pattern pattern) { this.pattern = pattern; }

    static Op create(NodeContext ctx) {
        ctx.expectInputs(1, 1);
        if (!ctx.attrs().has("pattern")) throw ctx.invalid("missing required attribute 'pattern'");
        String p = ctx.attrs().requireString("pattern").replace("(?P<", "(?<");
        try {
            return new RegexFullMatch(Pattern.compile(p));
        } catch (PatternSyntaxException e) {
            throw ctx.invalid("attribute 'pattern': invalid regular expression: " + e.getDescription());
        }
    }

    @Override
    public List<Fact> infer(List<Fact> in) {
        Fact x = in.get(0);
        return List.of(x.hasRank() ? Fact.of(DType.BOOL, x.dims()) : Fact.unknownShape(DType.BOOL));
    }

    @Override
    public List<Tensor> run(List<Tensor> in) {
        Tensor x = in.get(0);
        if (x.dtype() != DType.STRING) throw new IllegalArgumentException("RegexFullMatch takes strings, got " + x.dtype());
        String[] v = (String[]) x.storage();
        boolean[] out = new boolean[v.length];
        for (int i = 0; i < v.length; i++) out[i] = pattern.matcher(v[i]).matches();
        return List.of(Tensor.wrap(DType.BOOL, x.shape(), out));
    }
}
