package dev.onyx.ops.linalg;

import dev.onyx.ir.Fact;
import dev.onyx.ops.Op;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.ArrayList;
import java.util.List;

import static dev.onyx.ops.linalg.LinalgTestSupport.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

/** Runs the ONNX backend node tests for Gemm, MatMul and MatMulInteger, and checks infer agrees. */
class OnnxLinalgCasesTest {
    static final List<OnnxLinalgCases.OnnxCase> CASES = OnnxLinalgCases.CASES;

    @ParameterizedTest(name = "{0}")
    @FieldSource("CASES")
    void matchesOnnxOutput(OnnxLinalgCases.OnnxCase c) {
        Op op = LinalgTestSupport.op(c.op(), c.opset(), c.inputs().size(), c.attrs());
        Tensor y = op.run(c.inputs()).get(0);
        assertClose(y, c.expected());
        List<Fact> facts = new ArrayList<>();
        for (Tensor t : c.inputs()) facts.add(Fact.of(t.dtype(), t.shape()));
        Fact f = op.infer(facts).get(0);
        assertThat(f).isEqualTo(Fact.of(c.expected().dtype(), c.expected().shape()));
    }
}
