package dev.onyx.pass;

import dev.onyx.ir.Attribute;
import dev.onyx.ir.Attributes;
import dev.onyx.ir.Graph;
import dev.onyx.ir.Node;
import dev.onyx.ops.fused.FusedOps;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Concat along axis 1 whose every input is the only use of a convolution's output (Conv, or FusedConv without a
 * residual) becomes one FusedConvConcat node: the convolutions then write their slices of the concatenation
 * directly (SqueezeNet's expand1x1 / expand3x3 pairs), instead of writing two tensors that are then copied.
 */
public final class FuseConvConcat implements Pass {
    /** Off switch for side-by-side measurements in one JVM (sessions created while off are not fused). */
    static volatile boolean enabled = true;

    private final int opset;

    public FuseConvConcat(int opset) {
        this.opset = opset;
    }

    @Override
    public String name() { return "FuseConvConcat"; }

    @Override
    public Result apply(Graph graph) {
        if (!enabled) return null;
        GraphView view = new GraphView(graph);
        GraphEdit edit = new GraphEdit(graph);
        List<Rewrite> log = new ArrayList<>();
        for (Node concat : graph.nodes()) {
            if (!concat.domain().isEmpty() || !concat.opType().equals("Concat") || edit.touched(concat)) continue;
            if (concat.attributes().getInt("axis", Long.MIN_VALUE) != 1 || concat.inputs().size() < 2 || concat.outputs().size() != 1) {
                continue;
            }
            List<Node> convs = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (String in : concat.inputs()) {
                Node p = in.isEmpty() || !seen.add(in) ? null : view.producer(in);
                if (p == null || !Fusions.isConvWithoutResidual(p) || edit.touched(p) || !view.hasSingleConsumer(in)) {
                    convs = null;
                    break;
                }
                convs.add(p);
            }
            if (convs == null) continue;
            Map<String, Attribute> attrs = new LinkedHashMap<>();
            attrs.put("count", Attribute.ofInt("count", convs.size()));
            attrs.put("opset", Attribute.ofInt("opset", concat.attributes().getInt("opset", opset)));
            List<String> ins = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < convs.size(); i++) {
                Node c = convs.get(i);
                for (Map.Entry<String, Attribute> e : c.attributes().asMap().entrySet()) {
                    String name = "c" + i + "." + e.getKey();
                    attrs.put(name, new Attribute(name, e.getValue().kind(), e.getValue().value()));
                }
                if (!c.attributes().has("opset")) {
                    attrs.put("c" + i + ".opset", Attribute.ofInt("c" + i + ".opset", opset));
                }
                ins.add(c.input(0));
                ins.add(c.input(1));
                ins.add(c.hasInput(2) ? c.input(2) : "");
                names.add(c.displayName());
            }
            Node fused = new Node(concat.name(), "FusedConvConcat", FusedOps.DOMAIN, ins, concat.outputs(), new Attributes(attrs));
            edit.replace(concat, fused);
            for (Node c : convs) edit.remove(c);
            names.add(concat.displayName());
            log.add(new Rewrite(name(), names, fused.displayName()));
        }
        return log.isEmpty() ? null : new Result(edit.build(), log);
    }
}
