package dev.onyx.ops.quant;

import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;

import java.util.List;

/**
 * ONNX MatMulInteger (opset 10): int32 (A - a_zero_point) @ (B - b_zero_point) of int8/uint8 operands; zero points
 * per tensor, per row of A / per column of B (1-D), or broadcast (N-D).
 */
public final class MatMulInteger implements Op {
    static Op create(NodeContext ctx) {
        ctx.expectInputs(2, 4);
        return new MatMulInteger();
    }

    static void checkOperand(DType t, String what) {
        if (t != DType.INT8 && t != DType.UINT8) throw new IllegalArgumentException(what + " must be int8 or uint8, got " + t);
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        for (int i = 0; i < 2; i++) {
            DType t = inputs.get(i).dtype();
            if (t != null && t != DType.INT8 && t != DType.UINT8) {
                throw new dev.onyx.InvalidModelException("input " + (i == 0 ? "A" : "B") + " must be int8 or uint8, got " + t);
            }
        }
        return List.of(Fact.of(DType.INT32, IntMatMul.inferDims(inputs.get(0), inputs.get(1))));
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor a = inputs.get(0), b = inputs.get(1);
        checkOperand(a.dtype(), "input A");
        checkOperand(b.dtype(), "input B");
        Tensor az = inputs.size() > 2 ? inputs.get(2) : null, bz = inputs.size() > 3 ? inputs.get(3) : null;
        int[] av = IntMatMul.minusZeroPoint(a, az, a.rank() - 2, "a_zero_point");
        int[] bv = IntMatMul.minusZeroPoint(b, bz, b.rank() - 1, "b_zero_point");
        IntMatMul.Result r = IntMatMul.multiply(av, a.shape(), bv, b.shape());
        return List.of(Quant.fromLongs(DType.INT32, r.shape(), r.values()));
    }
}
