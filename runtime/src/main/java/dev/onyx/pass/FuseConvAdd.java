package dev.onyx.pass;

import dev.onyx.ir.Fact;
import dev.onyx.ir.Graph;
import dev.onyx.ir.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Conv + Add (a residual connection), optionally followed by Relu, becomes one FusedConv that adds
 * the residual and applies Relu on the convolution's output. Preconditions: the Conv output is read
 * only by the Add; the residual has exactly the Conv output's static shape and dtype (so no
 * broadcasting is involved); for the Relu, the Add output is read only by it.
 */
public final class FuseConvAdd implements Pass {
    private final int opset;
    private final Function<Graph, Map<String, Fact>> facts;

    public FuseConvAdd(int opset, Function<Graph, Map<String, Fact>> facts) {
        this.opset = opset;
        this.facts = facts;
    }

    @Override
    public String name() { return "FuseConvAddRelu"; }

    @Override
    public Result apply(Graph graph) {
        GraphView view = new GraphView(graph);
        GraphEdit edit = new GraphEdit(graph);
        List<Rewrite> log = new ArrayList<>();
        Map<String, Fact> known = null;
        for (Node conv : graph.nodes()) {
            if (!Fusions.isFusableBase(conv, "Conv") || edit.touched(conv) || conv.inputs().size() > 3) continue;
            String out = conv.outputs().get(0);
            if (!view.hasSingleConsumer(out)) continue;
            Node add = view.consumers(out).get(0);
            if (!add.opType().equals("Add") || !add.domain().isEmpty() || add.inputs().size() != 2 || edit.touched(add)) continue;
            String residual = add.input(0).equals(out) ? add.input(1) : add.input(0);
            if (residual.equals(out)) continue;
            if (known == null) known = facts.apply(graph);
            Fact a = known.get(out);
            Fact b = known.get(residual);
            if (a == null || b == null || !a.isStatic() || !b.isStatic() || a.dtype() == null || a.dtype() != b.dtype()
                    || !java.util.Arrays.equals(a.staticShape(), b.staticShape())) continue;
            // the residual must be computed before the conv runs: it is, since the plan is re-sorted
            String addOut = add.outputs().get(0);
            Node relu = null;
            if (view.hasSingleConsumer(addOut)) {
                Node next = view.consumers(addOut).get(0);
                if (next.opType().equals("Relu") && next.domain().isEmpty() && !edit.touched(next)) relu = next;
            }
            Fusions.Act act = relu == null ? null : Fusions.activationOf(relu, view);
            Node fused = Fusions.fused(conv, "Conv", opset, residual, act, relu == null ? addOut : relu.outputs().get(0));
            if (fused == null) continue;
            edit.replace(conv, fused);
            edit.remove(add);
            List<String> names = new ArrayList<>(List.of(conv.displayName(), add.displayName()));
            if (relu != null) {
                edit.remove(relu);
                names.add(relu.displayName());
            }
            log.add(new Rewrite(name(), names, fused.displayName()));
        }
        return log.isEmpty() ? null : new Result(edit.build(), log);
    }
}
