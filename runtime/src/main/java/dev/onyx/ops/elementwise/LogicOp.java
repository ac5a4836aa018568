package dev.onyx.ops.elementwise;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.kernel.Broadcast;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.List;

/** And, Or, Xor on bool tensors with numpy broadcasting (and the opset &lt; 7 broadcast/axis attributes). */
final class LogicOp implements Op {
    enum Kind { AND, OR, XOR }

    private final Kind kind;
    private final Integer legacyAxis;

    private LogicOp(Kind kind, Integer legacyAxis) {
        this.kind = kind;
        this.legacyAxis = legacyAxis;
    }

    static Op create(NodeContext ctx, Kind kind) {
        ctx.expectInputs(2, 2);
        return new LogicOp(kind, ctx.opset() < 7 ? BinaryOp.legacyAxis(ctx) : null);
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        Fact a = inputs.get(0);
        Fact b = inputs.get(1);
        List<Dim> dims = a.dims() == null || b.dims() == null ? null
                : legacyAxis == null ? Facts.broadcast(a.dims(), b.dims()) : a.dims();
        return List.of(Fact.of(DType.BOOL, dims));
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor a = inputs.get(0);
        Tensor b = inputs.get(1);
        String name = switch (kind) { case AND -> "And"; case OR -> "Or"; case XOR -> "Xor"; };
        if (a.dtype() != DType.BOOL) throw Num.unsupported(name, a.dtype());
        if (b.dtype() != DType.BOOL) throw Num.unsupported(name, b.dtype());
        boolean[] x = (boolean[]) a.storage();
        boolean[] y = (boolean[]) b.storage();
        int[] aShape = a.shape();
        int[] bShape = BinaryOp.legacyShape(aShape, b.shape(), legacyAxis);
        int[] out = Shapes.broadcast(aShape, bShape);
        boolean[] r = new boolean[Shapes.size(out)];
        Broadcast.rows2(out, aShape, bShape, (ao, as, bo, bs, o, n) -> {
            switch (kind) {
                case AND -> { for (int i = 0; i < n; i++) r[o + i] = x[ao + i * as] & y[bo + i * bs]; }
                case OR -> { for (int i = 0; i < n; i++) r[o + i] = x[ao + i * as] | y[bo + i * bs]; }
                case XOR -> { for (int i = 0; i < n; i++) r[o + i] = x[ao + i * as] ^ y[bo + i * bs]; }
            }
        });
        return List.of(Tensor.wrap(DType.BOOL, out, r));
    }
}
