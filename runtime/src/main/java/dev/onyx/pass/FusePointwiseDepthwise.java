package dev.onyx.pass;

import dev.onyx.ir.Attribute;
import dev.onyx.ir.Attributes;
import dev.onyx.ir.Graph;
import dev.onyx.ir.Node;
import dev.onyx.ops.fused.FusedOps;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pointwise convolution (1x1 kernel, stride 1, no padding, one group, constant float32 weights), with
 * its activation if any, whose output only feeds a depthwise convolution (one group per channel, constant
 * float32 weights [C, 1, kh, kw]) with its activation if any, becomes one FusedPointwiseDepthwise node:
 * the expanded intermediate of an inverted-residual block is then never written out. Neither convolution
 * may add a residual.
 */
public final class FusePointwiseDepthwise implements Pass {
    private final int opset;

    public FusePointwiseDepthwise(int opset) {
        this.opset = opset;
    }

    @Override
    public String name() { return "FusePointwiseDepthwise"; }

    @Override
    public Result apply(Graph graph) {
        GraphView view = new GraphView(graph);
        GraphEdit edit = new GraphEdit(graph);
        List<Rewrite> log = new ArrayList<>();
        for (Node pw : graph.nodes()) {
            if (!Fusions.isConvWithoutResidual(pw) || edit.touched(pw)) continue;
            Tensor w1 = weights(pw, view);
            if (w1 == null || w1.dim(2) != 1 || w1.dim(3) != 1 || pw.attributes().getInt("group", 1) != 1
                    || !allEqual(pw.attributes().getInts("strides"), 1) || !allEqual(pw.attributes().getInts("pads"), 0)) {
                continue;
            }
            String mid = pw.outputs().get(0);
            if (!view.hasSingleConsumer(mid)) continue;
            Node dw = view.consumers(mid).get(0);
            if (!Fusions.isConvWithoutResidual(dw) || edit.touched(dw) || !dw.input(0).equals(mid)) continue;
            Tensor w2 = weights(dw, view);
            int cmid = w1.dim(0);
            if (w2 == null || w2.dim(0) != cmid || w2.dim(1) != 1 || dw.attributes().getInt("group", 1) != cmid) continue;
            Map<String, Attribute> attrs = new LinkedHashMap<>(dw.attributes().asMap());
            attrs.remove("opset");
            Attribute act = pw.attributes().asMap().get("activation");
            if (act != null) attrs.put("pw_activation", Attribute.ofString("pw_activation", pw.attributes().getString("activation", "")));
            float[] params = pw.attributes().getFloats("activation_params");
            if (params != null) {
                List<Float> p = new ArrayList<>();
                for (float f : params) p.add(f);
                attrs.put("pw_activation_params", Attribute.ofFloats("pw_activation_params", p));
            }
            long pwOpset = pw.attributes().getInt("opset", opset), dwOpset = dw.attributes().getInt("opset", opset);
            if (pwOpset != dwOpset) continue;
            attrs.put("opset", Attribute.ofInt("opset", dwOpset));
            List<String> ins = List.of(pw.input(0), pw.input(1), input(pw, 2), dw.input(1), input(dw, 2));
            Node fused = new Node(dw.name(), "FusedPointwiseDepthwise", FusedOps.DOMAIN, ins, dw.outputs(), new Attributes(attrs));
            edit.replace(dw, fused);
            edit.remove(pw);
            log.add(new Rewrite(name(), List.of(pw.displayName(), dw.displayName()), fused.displayName()));
        }
        return log.isEmpty() ? null : new Result(edit.build(), log);
    }

    /** The node's constant float32 rank-4 weights, or null. */
    private static Tensor weights(Node n, GraphView view) {
        Tensor w = view.constant(n.input(1));
        return w != null && w.dtype() == DType.FLOAT && w.rank() == 4 ? w : null;
    }

    private static String input(Node n, int i) { return n.hasInput(i) ? n.input(i) : ""; }

    private static boolean allEqual(long[] values, long v) {
        if (values == null) return true;
        for (long x : values) if (x != v) return false;
        return true;
    }
}
