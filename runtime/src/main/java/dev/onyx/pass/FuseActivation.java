package dev.onyx.pass;

import dev.onyx.ir.Graph;
import dev.onyx.ir.Node;
import dev.onyx.ops.fused.Activation;

import java.util.ArrayList;
import java.util.List;

/**
 * Conv or Gemm followed by an activation (Relu, LeakyRelu, Clip with constant bounds, Sigmoid, Tanh,
 * HardSigmoid, HardSwish) or by x * Sigmoid(x) (SiLU) becomes one fused node. Precondition: the base
 * output is read only by the activation (and, for SiLU, by the Sigmoid and the Mul) and is not a graph output.
 */
public final class FuseActivation implements Pass {
    private final String baseOp;
    private final int opset;

    /** @param baseOp "Conv" or "Gemm" */
    public FuseActivation(String baseOp, int opset) {
        this.baseOp = baseOp;
        this.opset = opset;
    }

    @Override
    public String name() { return "Fuse" + baseOp + "Activation"; }

    @Override
    public Result apply(Graph graph) {
        GraphView view = new GraphView(graph);
        GraphEdit edit = new GraphEdit(graph);
        List<Rewrite> log = new ArrayList<>();
        for (Node base : graph.nodes()) {
            if (!Fusions.isFusableBase(base, baseOp) || edit.touched(base) || base.outputs().size() != 1) continue;
            String out = base.outputs().get(0);
            if (view.isGraphOutput(out)) continue;
            List<Node> readers = view.consumers(out);
            if (readers.size() == 1) {
                Node actNode = readers.get(0);
                Fusions.Act act = Fusions.activationOf(actNode, view);
                if (act == null || !actNode.input(0).equals(out) || edit.touched(actNode)) continue;
                Node fused = Fusions.fused(base, baseOp, opset, null, act, actNode.outputs().get(0));
                if (fused == null) continue;
                edit.replace(base, fused);
                edit.remove(actNode);
                log.add(new Rewrite(name(), List.of(base.displayName(), actNode.displayName()), fused.displayName()));
            } else if (readers.size() == 2) {
                Node sig = readers.get(0).opType().equals("Sigmoid") ? readers.get(0) : readers.get(1);
                Node mul = sig == readers.get(0) ? readers.get(1) : readers.get(0);
                if (!sig.opType().equals("Sigmoid") || !sig.domain().isEmpty() || !mul.opType().equals("Mul") || !mul.domain().isEmpty()) continue;
                String s = sig.outputs().get(0);
                if (!view.hasSingleConsumer(s) || view.consumers(s).get(0) != mul) continue;
                if (!(mul.inputs().equals(List.of(out, s)) || mul.inputs().equals(List.of(s, out)))) continue;
                if (edit.touched(sig) || edit.touched(mul)) continue;
                Node fused = Fusions.fused(base, baseOp, opset, null, new Fusions.Act(Activation.SILU, new float[0]), mul.outputs().get(0));
                if (fused == null) continue;
                edit.replace(base, fused);
                edit.remove(sig);
                edit.remove(mul);
                log.add(new Rewrite(name(), List.of(base.displayName(), sig.displayName(), mul.displayName()), fused.displayName()));
            }
        }
        return log.isEmpty() ? null : new Result(edit.build(), log);
    }
}
