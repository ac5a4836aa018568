package dev.onyx.ops;

import dev.onyx.ir.Attribute;
import dev.onyx.ir.Fact;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;

import java.util.List;

/**
 * ONNX Constant: exactly one of value, sparse_value (densified by the importer), value_float,
 * value_floats, value_int, value_ints, value_string, value_strings.
 */
public final class Constant implements Op {
    private final Tensor value;

    public Constant(Tensor value) { this.value = value; }

    public Tensor value() { return value; }

    static Op create(NodeContext ctx) {
        ctx.expectInputs(0, 0);
        var attrs = ctx.attrs().asMap();
        if (attrs.size() != 1) {
            throw ctx.invalid("expected exactly one value attribute, got " + attrs.keySet());
        }
        Attribute a = attrs.values().iterator().next();
        Tensor t = switch (a.name()) {
            case "value", "sparse_value" -> ctx.attrs().get(a.name()).value() instanceof Tensor v ? v
                    : fail(ctx, a);
            case "value_float" -> Tensor.scalar(ctx.attrs().requireFloat("value_float"));
            case "value_floats" -> {
                float[] f = ctx.attrs().getFloats("value_floats");
                yield Tensor.of(f, f.length);
            }
            case "value_int" -> Tensor.scalar(ctx.attrs().requireInt("value_int"));
            case "value_ints" -> {
                long[] l = ctx.attrs().getInts("value_ints");
                yield Tensor.of(l, l.length);
            }
            case "value_string" -> Tensor.of(new String[] {ctx.attrs().requireString("value_string")});
            case "value_strings" -> {
                List<String> s = ctx.attrs().getStrings("value_strings");
                yield Tensor.of(s.toArray(new String[0]), s.size());
            }
            default -> throw ctx.invalid("unknown attribute '" + a.name() + "'");
        };
        return new Constant(t);
    }

    private static Tensor fail(NodeContext ctx, Attribute a) {
        throw ctx.invalid("attribute '" + a.name() + "': expected a tensor, got " + a.kind().name().toLowerCase());
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        return List.of(Fact.constant(value));
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        return List.of(value);
    }

    static DType dtype(Tensor t) { return t.dtype(); }
}
