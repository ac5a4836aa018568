package dev.onyx.ops.fused;

import dev.onyx.ir.Attribute;
import dev.onyx.ir.Attributes;
import dev.onyx.ir.Fact;
import dev.onyx.ir.Node;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.ops.OpRegistry;
import dev.onyx.ops.nn.Conv;
import dev.onyx.tensor.Buffers;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Convolutions (each with its activation) whose outputs are concatenated along the channel axis, made by the
 * optimizer from the convolutions and the Concat (SqueezeNet's fire modules): for a float32 batch of one image,
 * each convolution writes its slice of the concatenation directly, so neither the separate outputs nor the copy
 * exist. Other cases run the convolutions, then concatenate. The bits are those of the separate nodes.
 *
 * <p>Inputs: X, W, B (B may be empty) of each convolution in order. Attributes: {@code count} (the number of
 * convolutions), each convolution's attributes (FusedConv's: its Conv attributes, {@code activation},
 * {@code activation_params}, {@code opset}) prefixed by {@code c<i>.}, and {@code opset}.
 */
public final class ConvConcatNode implements Op {
    private final FusedNode[] convs;
    /** Shape inference of the result: a Concat along axis 1. */
    private static final Op CONCAT = OpRegistry.standard().find("", "Concat", 13).create(new NodeContext(
            new Node("concat", "Concat", "", List.of("a"), List.of("b"), Attributes.of(Attribute.ofInt("axis", 1))), 13));

    private ConvConcatNode(FusedNode[] convs) {
        this.convs = convs;
    }

    static Op create(NodeContext ctx) {
        Node node = ctx.node();
        Attributes a = ctx.attrs();
        long count = a.getInt("count", 0);
        if (count < 1 || count > 1024) throw ctx.invalid("attribute 'count': expected 1..1024 convolutions, got " + count);
        if (node.inputs().size() > 3 * count) {
            throw ctx.invalid("expected at most " + 3 * count + " inputs (X, W, B per convolution), got " + node.inputs().size());
        }
        int opset = (int) a.getInt("opset", OpRegistry.MAX_OPSET);
        FusedNode[] convs = new FusedNode[(int) count];
        for (int i = 0; i < count; i++) {
            String prefix = "c" + i + ".";
            Map<String, Attribute> attrs = new LinkedHashMap<>();
            for (Map.Entry<String, Attribute> e : a.asMap().entrySet()) {
                if (e.getKey().startsWith(prefix)) {
                    String name = e.getKey().substring(prefix.length());
                    attrs.put(name, new Attribute(name, e.getValue().kind(), e.getValue().value()));
                }
            }
            if (!attrs.containsKey("opset")) attrs.put("opset", Attribute.ofInt("opset", opset));
            int base = 3 * i;
            if (!ctx.hasInput(base) || !ctx.hasInput(base + 1)) {
                throw ctx.invalid("convolution " + i + ": inputs X (" + base + ") and W (" + (base + 1) + ") are required");
            }
            List<String> in = node.inputs();
            String out = node.name() + "/conv" + i;
            Node conv = new Node(out, "FusedConv", FusedOps.DOMAIN,
                    List.of(in.get(base), in.get(base + 1), base + 2 < in.size() ? in.get(base + 2) : ""),
                    List.of(out), new Attributes(attrs));
            int convOpset = (int) new Attributes(attrs).getInt("opset", opset);
            Op op = FusedNode.create(new NodeContext(conv, convOpset,
                    j -> j == 0 ? null : ctx.constants().apply(base + j)), "Conv", 3);
            convs[i] = (FusedNode) op;
        }
        return new ConvConcatNode(convs);
    }

    private List<Fact> inputsOf(List<Fact> inputs, int i) {
        List<Fact> in = new ArrayList<>(3);
        for (int j = 0; j < 3; j++) in.add(3 * i + j < inputs.size() ? inputs.get(3 * i + j) : null);
        return in;
    }

    private List<Tensor> tensorsOf(List<Tensor> inputs, int i) {
        List<Tensor> in = new ArrayList<>(3);
        for (int j = 0; j < 3; j++) {
            Tensor t = 3 * i + j < inputs.size() ? inputs.get(3 * i + j) : null;
            if (j < 2 || t != null) in.add(t);
        }
        return in;
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        List<Fact> outs = new ArrayList<>();
        for (int i = 0; i < convs.length; i++) outs.add(convs[i].infer(inputsOf(inputs, i)).get(0));
        return CONCAT.infer(outs);
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        int k = convs.length;
        List<List<Tensor>> ins = new ArrayList<>(k);
        for (int i = 0; i < k; i++) ins.add(tensorsOf(inputs, i));
        int[][] shapes = new int[k][];
        boolean direct = true;
        for (int i = 0; i < k && direct; i++) {
            List<Tensor> in = ins.get(i);
            Conv conv = (Conv) convs[i].base();
            direct = in.get(0).dtype() == DType.FLOAT && in.get(0).rank() >= 3 && in.get(0).rank() <= 5;
            if (direct) shapes[i] = conv.outputShape(in);
            direct = direct && shapes[i][0] == 1 && sameSpatial(shapes[0], shapes[i]);
        }
        if (direct) {
            int total = 0;
            for (int[] s : shapes) total = Math.addExact(total, Shapes.size(s));
            float[] y = Buffers.floats(total);
            int channels = 0, off = 0;
            for (int i = 0; i < k; i++) {
                ((Conv) convs[i].base()).runInto(ins.get(i), convs[i].activationEpilogue(), y, off);
                off += Shapes.size(shapes[i]);
                channels += shapes[i][1];
            }
            int[] ys = shapes[0].clone();
            ys[1] = channels;
            return List.of(Tensor.wrap(DType.FLOAT, ys, y));
        }
        List<Tensor> parts = new ArrayList<>(k);
        for (int i = 0; i < k; i++) parts.add(convs[i].run(ins.get(i)).get(0));
        return List.of(concat(parts));
    }

    private static boolean sameSpatial(int[] a, int[] b) {
        return a.length == b.length && Arrays.equals(a, 2, a.length, b, 2, b.length);
    }

    /** Concatenation of the parts along axis 1 (same dtype, same other dims: the convolutions' outputs). */
    private static Tensor concat(List<Tensor> parts) {
        Tensor first = parts.get(0);
        int[] ys = first.shape().clone();
        int channels = 0;
        for (Tensor t : parts) {
            int[] s = t.shape();
            if (t.dtype() != first.dtype() || s.length != ys.length || s[0] != ys[0] || !sameSpatial(ys, s)) {
                throw new IllegalArgumentException("concatenated convolutions: output " + t.dtype() + " " + Shapes.toString(s)
                        + " does not match " + first.dtype() + " " + Shapes.toString(ys) + " outside axis 1");
            }
            channels += s[1];
        }
        ys[1] = channels;
        int n = ys[0];
        int inner = Shapes.size(ys) / Math.max(1, n * channels);
        Object out = Buffers.allocate(first.dtype(), Shapes.size(ys));
        int at = 0;
        for (int b = 0; b < n; b++) {
            for (Tensor t : parts) {
                int len = t.shape()[1] * inner;
                System.arraycopy(t.storage(), b * len, out, at, len);
                at += len;
            }
        }
        return Tensor.wrap(first.dtype(), ys, out);
    }
}
