package dev.onyx.pass;

import dev.onyx.ir.Attribute;
import dev.onyx.ir.Attributes;
import dev.onyx.ir.Graph;
import dev.onyx.ir.Node;

import java.util.ArrayList;
import java.util.List;

/**
 * Two Transposes in a row (as tf2onnx leaves around NHWC convolutions) become one Transpose with the
 * composed permutation, or nothing when the composition is the identity. Precondition: both have an
 * explicit perm of the same length and the first one's output is read only by the second.
 */
public final class CollapseTransposes implements Pass {
    @Override
    public String name() { return "CollapseTransposes"; }

    @Override
    public Result apply(Graph graph) {
        GraphView view = new GraphView(graph);
        GraphEdit edit = new GraphEdit(graph);
        List<Rewrite> log = new ArrayList<>();
        for (Node second : graph.nodes()) {
            if (!isTranspose(second) || edit.touched(second)) continue;
            Node first = view.producer(second.input(0));
            if (first == null || !isTranspose(first) || edit.touched(first) || !view.hasSingleConsumer(first.outputs().get(0))) continue;
            long[] p1 = first.attributes().getInts("perm");
            long[] p2 = second.attributes().getInts("perm");
            if (p1 == null || p2 == null || p1.length != p2.length) continue;
            // y = transpose(transpose(x, p1), p2): y axis i is x axis p1[p2[i]]
            List<Long> composed = new ArrayList<>();
            boolean identity = true;
            for (int i = 0; i < p2.length; i++) {
                if (p2[i] < 0 || p2[i] >= p1.length) { composed = null; break; }
                long axis = p1[(int) p2[i]];
                composed.add(axis);
                if (axis != i) identity = false;
            }
            if (composed == null) continue;
            String out = second.outputs().get(0);
            if (identity && !view.isGraphOutput(out)) {
                boolean direct = true;
                for (Node c : view.consumers(out)) if (!c.inputs().contains(out)) direct = false;
                if (!direct) continue;
                edit.rename(out, first.input(0));
                edit.remove(first);
                edit.remove(second);
                log.add(new Rewrite(name(), List.of(first.displayName(), second.displayName()), ""));
            } else {
                Node merged = new Node(second.name(), "Transpose", "", List.of(first.input(0)), List.of(out),
                        Attributes.of(Attribute.ofInts("perm", composed)));
                edit.remove(first);
                edit.replace(second, merged);
                log.add(new Rewrite(name(), List.of(first.displayName(), second.displayName()), merged.displayName()));
            }
        }
        return log.isEmpty() ? null : new Result(edit.build(), log);
    }

    private static boolean isTranspose(Node n) {
        return n.opType().equals("Transpose") && n.domain().isEmpty() && n.inputs().size() == 1 && n.outputs().size() == 1;
    }
}
