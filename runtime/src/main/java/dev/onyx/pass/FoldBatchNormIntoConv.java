package dev.onyx.pass;

import dev.onyx.ir.Graph;
import dev.onyx.ir.Node;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Conv followed by an inference BatchNormalization becomes one Conv with scaled weights and a new
 * bias: w' = w * s, b' = (b - mean) * s + beta, with s = gamma / sqrt(var + eps) per output channel.
 * Preconditions: float32; weights, bias and all BN parameters are initializers; the Conv output is
 * read only by the BN (not a graph output); BN has one used output and is not in training mode.
 */
public final class FoldBatchNormIntoConv implements Pass {
    @Override
    public String name() { return "FoldBatchNormIntoConv"; }

    @Override
    public Result apply(Graph graph) {
        GraphView view = new GraphView(graph);
        GraphEdit edit = new GraphEdit(graph);
        List<Rewrite> log = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (Node bn : graph.nodes()) {
            if (!bn.opType().equals("BatchNormalization") || !bn.domain().isEmpty()) continue;
            if (bn.attributes().getInt("training_mode", 0) != 0) continue;
            if (bn.attributes().has("spatial") && bn.attributes().getInt("spatial", 1) != 1) continue;
            if (bn.inputs().size() < 5) continue;
            boolean extraUsed = false;
            for (int i = 1; i < bn.outputs().size(); i++) if (!view.isUnused(bn.outputs().get(i))) extraUsed = true;
            if (extraUsed) continue;
            Node conv = view.producer(bn.input(0));
            if (conv == null || !conv.opType().equals("Conv") || !conv.domain().isEmpty() || edit.touched(conv)) continue;
            if (!view.hasSingleConsumer(bn.input(0))) continue;
            Tensor w = view.constant(conv.input(1));
            Tensor b = conv.hasInput(2) ? view.constant(conv.input(2)) : null;
            if (w == null || w.dtype() != DType.FLOAT || w.rank() < 3 || (conv.hasInput(2) && b == null)) continue;
            Tensor gamma = view.constant(bn.input(1));
            Tensor beta = view.constant(bn.input(2));
            Tensor mean = view.constant(bn.input(3));
            Tensor var = view.constant(bn.input(4));
            int m = w.shape()[0];
            if (!allFloat(m, gamma, beta, mean, var) || (b != null && (b.dtype() != DType.FLOAT || b.size() != m))) continue;
            float eps = bn.attributes().getFloat("epsilon", 1e-5f);

            float[] wv = (float[]) w.storage();
            float[] g = (float[]) gamma.storage();
            float[] be = (float[]) beta.storage();
            float[] mu = (float[]) mean.storage();
            float[] va = (float[]) var.storage();
            float[] bv = b == null ? new float[m] : (float[]) b.storage();
            int per = w.size() / m;
            float[] nw = new float[wv.length];
            float[] nb = new float[m];
            for (int c = 0; c < m; c++) {
                double s = g[c] / Math.sqrt((double) va[c] + eps);
                for (int k = 0; k < per; k++) nw[c * per + k] = (float) (wv[c * per + k] * s);
                nb[c] = (float) ((bv[c] - mu[c]) * s + be[c]);
            }
            String base = conv.name().isEmpty() ? bn.outputs().get(0) : conv.name();
            String wName = view.freshName(base + "_bn_folded_W", taken);
            String bName = view.freshName(base + "_bn_folded_B", taken);
            edit.addInitializer(wName, Tensor.wrap(DType.FLOAT, w.shape(), nw));
            edit.addInitializer(bName, Tensor.wrap(DType.FLOAT, new int[] {m}, nb));
            Node fused = new Node(conv.name(), "Conv", "", List.of(conv.input(0), wName, bName),
                    List.of(bn.outputs().get(0)), conv.attributes());
            edit.replace(conv, fused);
            edit.remove(bn);
            log.add(new Rewrite(name(), List.of(conv.displayName(), bn.displayName()), fused.displayName()));
        }
        return log.isEmpty() ? null : new Result(edit.build(), log);
    }

    private static boolean allFloat(int m, Tensor... ts) {
        for (Tensor t : ts) if (t == null || t.dtype() != DType.FLOAT || t.size() != m) return false;
        return true;
    }
}
