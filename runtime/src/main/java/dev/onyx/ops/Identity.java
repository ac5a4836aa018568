package dev.onyx.ops;

import dev.onyx.ir.Fact;
import dev.onyx.tensor.Tensor;

import java.util.List;

/** ONNX Identity: the output is the input. Tensors are immutable, so no copy is made. */
public final class Identity implements Op {
    @Override
    public List<Fact> infer(List<Fact> inputs) {
        Fact f = inputs.get(0);
        return List.of(new Fact(f.dtype(), f.dims(), null));
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        return List.of(inputs.get(0));
    }
}
