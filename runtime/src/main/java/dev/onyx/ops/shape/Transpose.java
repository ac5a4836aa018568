package dev.onyx.ops.shape;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/** ONNX Transpose: permutes axes by {@code perm} (default: reversed). */
public final class Transpose implements Op {
    private final int[] perm;

    private Transpose(int[] perm) { this.perm = perm; }

    static Op create(NodeContext ctx) {
        ctx.expectInputs(1, 1);
        int[] perm = ctx.attrs().getIntArray("perm");
        if (perm != null) {
            boolean[] seen = new boolean[perm.length];
            for (int p : perm) {
                if (p < 0 || p >= perm.length || seen[p]) {
                    throw ctx.invalid("attribute 'perm': " + java.util.Arrays.toString(perm) + " is not a permutation");
                }
                seen[p] = true;
            }
        }
        return new Transpose(perm);
    }

    private int[] permFor(int rank) {
        if (perm == null) {
            int[] p = new int[rank];
            for (int i = 0; i < rank; i++) p[i] = rank - 1 - i;
            return p;
        }
        if (perm.length != rank) {
            throw new IllegalArgumentException("perm " + java.util.Arrays.toString(perm) + " has " + perm.length
                    + " entries for an input of rank " + rank);
        }
        return perm;
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        Fact x = inputs.get(0);
        if (!x.hasRank()) {
            return List.of(perm == null ? Fact.unknownShape(x.dtype()) : Fact.of(x.dtype(), ShapeUtil.unknownDims(perm.length)));
        }
        int[] p = permFor(x.rank());
        List<Dim> out = new ArrayList<>();
        for (int i : p) out.add(x.dims().get(i));
        return List.of(Fact.of(x.dtype(), out));
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        int[] p = permFor(x.rank());
        int[] s = x.shape();
        return List.of(Tensor.wrap(x.dtype(), dev.onyx.kernel.Transpose.shape(s, p),
                dev.onyx.kernel.Transpose.apply(x.storage(), s, p)));
    }
}
