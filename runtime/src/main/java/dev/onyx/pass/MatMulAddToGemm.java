package dev.onyx.pass;

import dev.onyx.ir.Fact;
import dev.onyx.ir.Graph;
import dev.onyx.ir.Node;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * MatMul(A, B) + C becomes Gemm(A, B, C) when A is known to be a 2-D float32 matrix, B a constant
 * 2-D float32 matrix [K, N], C a constant float32 bias of shape [N] or [1, N], and the MatMul output
 * is read only by the Add.
 */
public final class MatMulAddToGemm implements Pass {
    private final Function<Graph, Map<String, Fact>> facts;

    public MatMulAddToGemm(Function<Graph, Map<String, Fact>> facts) {
        this.facts = facts;
    }

    @Override
    public String name() { return "MatMulAddToGemm"; }

    @Override
    public Result apply(Graph graph) {
        GraphView view = new GraphView(graph);
        GraphEdit edit = new GraphEdit(graph);
        List<Rewrite> log = new ArrayList<>();
        Map<String, Fact> known = null;
        for (Node mm : graph.nodes()) {
            if (!mm.opType().equals("MatMul") || !mm.domain().isEmpty() || mm.inputs().size() != 2 || edit.touched(mm)) continue;
            String out = mm.outputs().get(0);
            if (!view.hasSingleConsumer(out)) continue;
            Node add = view.consumers(out).get(0);
            if (!add.opType().equals("Add") || !add.domain().isEmpty() || add.inputs().size() != 2 || edit.touched(add)) continue;
            String biasName = add.input(0).equals(out) ? add.input(1) : add.input(0);
            Tensor b = view.constant(mm.input(1));
            Tensor c = view.constant(biasName);
            if (b == null || c == null || b.dtype() != DType.FLOAT || c.dtype() != DType.FLOAT || b.rank() != 2) continue;
            int n = b.shape()[1];
            boolean rowBias = (c.rank() == 1 && c.shape()[0] == n) || (c.rank() == 2 && c.shape()[0] == 1 && c.shape()[1] == n);
            if (!rowBias) continue;
            if (known == null) known = facts.apply(graph);
            Fact a = known.get(mm.input(0));
            if (a == null || a.dtype() != DType.FLOAT || !a.hasRank() || a.rank() != 2) continue;
            Node gemm = new Node(mm.name(), "Gemm", "", List.of(mm.input(0), mm.input(1), biasName),
                    List.of(add.outputs().get(0)), dev.onyx.ir.Attributes.EMPTY);
            edit.replace(mm, gemm);
            edit.remove(add);
            log.add(new Rewrite(name(), List.of(mm.displayName(), add.displayName()), gemm.displayName()));
        }
        return log.isEmpty() ? null : new Result(edit.build(), log);
    }
}
