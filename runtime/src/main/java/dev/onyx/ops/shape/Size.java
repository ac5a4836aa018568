package dev.onyx.ops.shape;

import dev.onyx.ir.Fact;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;

import java.util.List;

/** ONNX Size: the element count as an int64 scalar; a constant when the input shape is static. */
public final class Size implements Op {
    @Override
    public List<Fact> infer(List<Fact> inputs) {
        Fact x = inputs.get(0);
        if (x.isStatic()) {
            long n = 1;
            for (int d : x.staticShape()) n *= d;
            return List.of(Fact.constant(Tensor.scalar(n)));
        }
        return List.of(Fact.of(DType.INT64));
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        return List.of(Tensor.scalar((long) inputs.get(0).size()));
    }
}
