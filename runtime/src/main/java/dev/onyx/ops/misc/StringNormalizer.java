package dev.onyx.ops.misc;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * ONNX StringNormalizer (opset 10): drops stopwords (case-sensitively or not) from a [C] or [1, C] string
 * tensor, then changes case (NONE, LOWER, UPPER) per locale; an all-dropped input gives one empty string.
 */
public final class StringNormalizer implements Op {
    private enum Case { NONE, LOWER, UPPER }

    private final Case action;
    private final boolean caseSensitive;
    private final Locale locale;
    private final Set<String> stopwords;

    private StringNormalizer(Case action, boolean caseSensitive, Locale locale, Set<String> stopwords) {
        this.action = action;
        this.caseSensitive = caseSensitive;
        this.locale = locale;
        this.stopwords = stopwords;
    }

    static Op create(NodeContext ctx) {
        ctx.expectInputs(1, 1);
        String a = ctx.attrs().getString("case_change_action", "NONE");
        Case action;
        try {
            action = Case.valueOf(a);
        } catch (IllegalArgumentException e) {
            throw ctx.invalid("attribute 'case_change_action': expected NONE, LOWER or UPPER, got '" + a + "'");
        }
        boolean cs = ctx.attrs().getInt("is_case_sensitive", 0) != 0;
        String loc = ctx.attrs().getString("locale", "en_US");
        Locale locale = loc.isEmpty() ? Locale.US : Locale.forLanguageTag(loc.replace('_', '-'));
        List<String> sw = ctx.attrs().getStrings("stopwords");
        Set<String> set = new HashSet<>();
        if (sw != null) for (String s : sw) set.add(cs ? s : s.toLowerCase(locale));
        return new StringNormalizer(action, cs, locale, set);
    }

    @Override
    public List<Fact> infer(List<Fact> in) {
        Fact x = in.get(0);
        if (!x.hasRank()) return List.of(Fact.unknownShape(DType.STRING));
        List<Dim> d = new ArrayList<>(x.dims());
        if (!stopwords.isEmpty() && !d.isEmpty()) d.set(d.size() - 1, Dim.UNKNOWN);
        return List.of(Fact.of(DType.STRING, d));
    }

    @Override
    public List<Tensor> run(List<Tensor> in) {
        Tensor x = in.get(0);
        if (x.dtype() != DType.STRING) throw new IllegalArgumentException("StringNormalizer takes strings, got " + x.dtype());
        int[] s = x.shape();
        boolean ok = s.length == 1 || (s.length == 2 && s[0] == 1);
        if (!ok) throw new IllegalArgumentException("StringNormalizer takes shape [C] or [1, C], got " + Shapes.toString(s));
        String[] v = (String[]) x.storage();
        List<String> out = new ArrayList<>();
        for (String str : v) {
            if (!stopwords.isEmpty() && stopwords.contains(caseSensitive ? str : str.toLowerCase(locale))) continue;
            out.add(switch (action) {
                case NONE -> str;
                case LOWER -> str.toLowerCase(locale);
                case UPPER -> str.toUpperCase(locale);
            });
        }
        if (out.isEmpty()) out.add("");
        int[] os = s.length == 1 ? new int[] {out.size()} : new int[] {1, out.size()};
        return List.of(Tensor.wrap(DType.STRING, os, out.toArray(new String[0])));
    }
}
