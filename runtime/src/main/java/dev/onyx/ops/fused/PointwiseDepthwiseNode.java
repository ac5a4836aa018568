package dev.onyx.ops.fused;

import dev.onyx.ir.Attribute;
import dev.onyx.ir.Attributes;
import dev.onyx.ir.Fact;
import dev.onyx.ir.Node;
import dev.onyx.kernel.ConvFloat;
import dev.onyx.kernel.ConvGeometry;
import dev.onyx.kernel.PointwiseDepthwise;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.ops.OpRegistry;
import dev.onyx.ops.nn.Conv;
import dev.onyx.tensor.Buffers;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pointwise (1x1) convolution, its activation, then a depthwise convolution of that result and its
 * activation, made by the optimizer from two fused convolutions: the float32 path computes it group of
 * channels by group of channels without writing the intermediate tensor ({@link PointwiseDepthwise}),
 * with the same bits as the two nodes; other cases run the two nodes one after the other.
 *
 * <p>Inputs: X, W1, B1 (optional), W2, B2 (optional). Attributes: the depthwise convolution's, plus
 * {@code activation}/{@code activation_params} (its activation), {@code pw_activation}/{@code pw_activation_params}
 * (the pointwise one's) and {@code opset}.
 */
public final class PointwiseDepthwiseNode implements Op {
    private final FusedNode pointwise;
    private final FusedNode depthwise;
    private final ConvFloat.Epilogue pointwiseEpilogue;
    private final ConvFloat.Epilogue depthwiseEpilogue;

    private PointwiseDepthwiseNode(FusedNode pointwise, FusedNode depthwise) {
        this.pointwise = pointwise;
        this.depthwise = depthwise;
        this.pointwiseEpilogue = pointwise.activationEpilogue();
        this.depthwiseEpilogue = depthwise.activationEpilogue();
    }

    static Op create(NodeContext ctx) {
        Node node = ctx.node();
        if (node.inputs().size() > 5) throw ctx.invalid("expected at most 5 inputs (X, W1, B1, W2, B2), got " + node.inputs().size());
        for (int i : new int[] {0, 1, 3}) {
            if (!ctx.hasInput(i)) throw ctx.invalid("required input " + i + " (" + (i == 0 ? "X" : i == 1 ? "W1" : "W2") + ") is empty");
        }
        Attributes a = ctx.attrs();
        int opset = (int) a.getInt("opset", OpRegistry.MAX_OPSET);
        Map<String, Attribute> pw = new LinkedHashMap<>();
        Map<String, Attribute> dw = new LinkedHashMap<>();
        for (Map.Entry<String, Attribute> e : a.asMap().entrySet()) {
            if (e.getKey().equals("pw_activation")) pw.put("activation", Attribute.ofString("activation", a.getString("pw_activation", "")));
            else if (e.getKey().equals("pw_activation_params")) {
                pw.put("activation_params", Attribute.ofFloats("activation_params", floats(a.getFloats("pw_activation_params"))));
            } else dw.put(e.getKey(), e.getValue());
        }
        pw.put("opset", Attribute.ofInt("opset", opset));
        List<String> in = node.inputs();
        String mid = node.name() + "/pointwise";
        Node pwNode = new Node(mid, "FusedConv", FusedOps.DOMAIN, List.of(in.get(0), in.get(1), input(in, 2)),
                List.of(mid), new Attributes(pw));
        Node dwNode = new Node(node.name(), "FusedConv", FusedOps.DOMAIN, List.of(mid, in.get(3), input(in, 4)),
                node.outputs(), new Attributes(dw));
        Op first = FusedNode.create(new NodeContext(pwNode, opset, i -> i == 0 ? null : ctx.constants().apply(i)), "Conv", 3);
        Op second = FusedNode.create(new NodeContext(dwNode, opset, i -> i == 0 ? null : ctx.constants().apply(i + 2)), "Conv", 3);
        return new PointwiseDepthwiseNode((FusedNode) first, (FusedNode) second);
    }

    private static String input(List<String> in, int i) { return i < in.size() ? in.get(i) : ""; }

    private static List<Float> floats(float[] v) {
        Float[] boxed = new Float[v == null ? 0 : v.length];
        for (int i = 0; i < boxed.length; i++) boxed[i] = v[i];
        return Arrays.asList(boxed);
    }

    private static <T> T at(List<T> list, int i) { return i < list.size() ? list.get(i) : null; }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        Fact mid = pointwise.infer(Arrays.asList(at(inputs, 0), at(inputs, 1), at(inputs, 2))).get(0);
        return depthwise.infer(Arrays.asList(mid, at(inputs, 3), at(inputs, 4)));
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor x = at(inputs, 0), w1 = at(inputs, 1), b1 = at(inputs, 2), w2 = at(inputs, 3), b2 = at(inputs, 4);
        Tensor fused = fused(x, w1, b1, w2, b2);
        if (fused != null) return List.of(fused);
        Tensor mid = pointwise.run(Arrays.asList(x, w1, b1)).get(0);
        return depthwise.run(Arrays.asList(mid, w2, b2));
    }

    /** The fused float32 computation, or null when the inputs are not a plain pointwise + depthwise pair. */
    private Tensor fused(Tensor x, Tensor w1, Tensor b1, Tensor w2, Tensor b2) {
        if (x == null || w1 == null || w2 == null || x.dtype() != DType.FLOAT || w1.dtype() != DType.FLOAT
                || w2.dtype() != DType.FLOAT || b1 != null && b1.dtype() != DType.FLOAT || b2 != null && b2.dtype() != DType.FLOAT) {
            return null;
        }
        int rank = x.rank();
        if (rank < 3 || rank > 4 || w1.rank() != rank || w2.rank() != rank) return null;
        Conv c1 = (Conv) pointwise.base(), c2 = (Conv) depthwise.base();
        int[] xs = x.shape(), w1s = w1.shape(), w2s = w2.shape();
        int n = xs[0], cin = xs[1], cmid = w1s[0];
        for (int i = 2; i < rank; i++) if (w1s[i] != 1) return null;
        if (c1.group() != 1 || w1s[1] != cin || w2s[0] != cmid || w2s[1] != 1 || c2.group() != cmid) return null;
        if (b1 != null && (b1.rank() != 1 || b1.dim(0) != cmid) || b2 != null && (b2.rank() != 1 || b2.dim(0) != cmid)) return null;
        int[] ones = new int[rank - 2];
        Arrays.fill(ones, 1);
        ConvGeometry g1 = c1.geometry(Arrays.copyOfRange(xs, 2, rank), ones);
        if (!g1.isPointwise()) return null;
        ConvGeometry g2 = c2.geometry(g1.out(), Arrays.copyOfRange(w2s, 2, rank));
        int[] ys = new int[rank];
        ys[0] = n;
        ys[1] = cmid;
        System.arraycopy(g2.out(), 0, ys, 2, rank - 2);
        float[] y = Buffers.floats(dev.onyx.tensor.Shapes.size(ys));
        PointwiseDepthwise.run((float[]) x.storage(), (float[]) w1.storage(), c1.packedFor(w1),
                b1 == null ? null : (float[]) b1.storage(), pointwiseEpilogue, (float[]) w2.storage(),
                b2 == null ? null : (float[]) b2.storage(), depthwiseEpilogue, y, n, cin, cmid, g1, g2);
        return Tensor.wrap(DType.FLOAT, ys, y);
    }
}
