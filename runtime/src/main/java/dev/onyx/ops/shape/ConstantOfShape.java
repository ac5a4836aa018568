package dev.onyx.ops.shape;

import dev.onyx.ir.Fact;
import dev.onyx.kernel.Copy;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.Tensor;

import java.util.List;

/** ONNX ConstantOfShape: a tensor of the given shape filled with the one-element 'value' (default float 0). */
public final class ConstantOfShape implements Op {
    private final Tensor value;

    private ConstantOfShape(Tensor value) { this.value = value; }

    static Op create(NodeContext ctx) {
        ctx.expectInputs(1, 1);
        Tensor v = ctx.attrs().getTensor("value");
        if (v == null) v = Tensor.scalar(0f);
        if (v.size() != 1) throw ctx.invalid("attribute 'value': expected one element, got " + v.size());
        return new ConstantOfShape(v);
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        long[] shape = ShapeUtil.constLongs(inputs.get(0));
        if (shape != null) return List.of(Fact.of(value.dtype(), ShapeUtil.shape(shape, "ConstantOfShape")));
        Fact s = inputs.get(0);
        if (s.isStatic() && s.rank() == 1) return List.of(Fact.of(value.dtype(), ShapeUtil.unknownDims(s.staticShape()[0])));
        return List.of(Fact.unknownShape(value.dtype()));
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        int[] shape = ShapeUtil.shape(ShapeUtil.longs(inputs.get(0), "input 'input'"), "ConstantOfShape");
        Tensor out = Tensor.zeros(value.dtype(), shape);
        Copy.fill(out.storage(), value.storage(), 0);
        return List.of(out);
    }
}
