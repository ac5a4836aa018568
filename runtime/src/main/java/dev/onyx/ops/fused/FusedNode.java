package dev.onyx.ops.fused;

import dev.onyx.ir.Attribute;
import dev.onyx.ir.Attributes;
import dev.onyx.ir.Fact;
import dev.onyx.ir.Node;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.ops.OpFactory;
import dev.onyx.ops.OpRegistry;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fused node made by the optimizer: a base op (Conv or Gemm, with its own attributes), then an
 * optional residual input added element by element (same shape as the base output), then an
 * activation, all applied to the base op's fresh output while it is hot.
 *
 * <p>Attributes: the base op's, plus {@code activation} (Relu, LeakyRelu, Clip, Sigmoid, Tanh,
 * HardSigmoid, HardSwish, SiLU or empty), {@code activation_params} (floats) and {@code opset}
 * (the default-domain opset whose semantics the base op follows).
 */
public final class FusedNode implements Op {
    private final Op base;
    private final int baseInputs;
    private final Activation activation;
    private final float[] params;

    private FusedNode(Op base, int baseInputs, Activation activation, float[] params) {
        this.base = base;
        this.baseInputs = baseInputs;
        this.activation = activation;
        this.params = params;
    }

    static Op create(NodeContext ctx, String baseOp, int baseInputs) {
        Attributes a = ctx.attrs();
        Activation act = Activation.fromName(a.getString("activation", ""));
        float[] params = a.getFloats("activation_params");
        if (params == null) params = new float[0];
        int need = switch (act) {
            case LEAKY_RELU -> 1;
            case CLIP, HARD_SIGMOID -> 2;
            default -> 0;
        };
        if (params.length != need) {
            throw ctx.invalid("attribute 'activation_params': " + act.onnxName() + " takes " + need + " values, got " + params.length);
        }
        int opset = (int) a.getInt("opset", OpRegistry.MAX_OPSET);
        Map<String, Attribute> baseAttrs = new LinkedHashMap<>(a.asMap());
        baseAttrs.remove("activation");
        baseAttrs.remove("activation_params");
        baseAttrs.remove("opset");
        List<String> ins = new ArrayList<>(ctx.node().inputs().subList(0, Math.min(baseInputs, ctx.inputCount())));
        Node inner = new Node(ctx.node().name(), baseOp, "", ins, ctx.node().outputs(), new Attributes(baseAttrs));
        OpFactory f = OpRegistry.standard().find("", baseOp, opset);
        if (f == null) throw ctx.invalid(baseOp + " is not available at opset " + opset);
        return new FusedNode(f.create(new NodeContext(inner, opset, ctx.constants())), baseInputs, act, params);
    }

    /** The base op. */
    public Op base() { return base; }

    /** The activation as a conv epilogue (index-independent), or null when there is none. */
    public dev.onyx.kernel.ConvFloat.Epilogue activationEpilogue() {
        return activation == Activation.NONE ? null : (y, from, to) -> activation.apply(y, from, to, params);
    }

    /** True when this node adds a residual input (more inputs than its base op takes). */
    public boolean hasResidual(int inputs) { return inputs > baseInputs; }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        return base.infer(inputs.subList(0, Math.min(baseInputs, inputs.size())));
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        List<Tensor> baseIn = inputs.subList(0, Math.min(baseInputs, inputs.size()));
        Tensor residual = inputs.size() > baseInputs ? inputs.get(baseInputs) : null;
        Tensor x0 = baseIn.isEmpty() ? null : baseIn.get(0);
        if (base instanceof dev.onyx.ops.nn.Conv conv && x0 != null && dev.onyx.ops.nn.Conv.appliesEpilogue(x0.dtype(), x0.rank())
                && (residual == null || residual.dtype() == DType.FLOAT)) {
            float[] z = residual == null ? null : (float[]) residual.storage();
            Tensor out = conv.run(baseIn, z == null
                    ? (y, from, to) -> activation.apply(y, from, to, params)
                    : (y, from, to) -> {
                        if (to > z.length) throw new IllegalArgumentException("residual input: expected float32 "
                                + "of at least " + to + " elements, got " + Shapes.toString(residual.shape()));
                        for (int i = from; i < to; i++) y[i] += z[i];
                        activation.apply(y, from, to, params);
                    }).get(0);
            if (residual != null && !Arrays.equals(residual.shape(), out.shape())) {
                throw new IllegalArgumentException("residual input: expected float32 " + Shapes.toString(out.shape())
                        + ", got " + residual.dtype() + " " + Shapes.toString(residual.shape()));
            }
            return List.of(out);
        }
        Tensor out = base.run(baseIn).get(0);
        if (out.dtype() != DType.FLOAT) {
            throw new IllegalArgumentException("fused epilogue needs float32, got " + out.dtype());
        }
        for (Tensor t : inputs) {
            if (t != null && t.storage() == out.storage()) {
                out = Tensor.of((float[]) out.storage(), out.shape());
                break;
            }
        }
        float[] y = (float[]) out.storage();
        if (residual != null) {
            if (!Arrays.equals(residual.shape(), out.shape()) || residual.dtype() != DType.FLOAT) {
                throw new IllegalArgumentException("residual input: expected float32 " + Shapes.toString(out.shape())
                        + ", got " + residual.dtype() + " " + Shapes.toString(residual.shape()));
            }
            float[] z = (float[]) residual.storage();
            for (int i = 0; i < y.length; i++) y[i] += z[i];
        }
        activation.apply(y, 0, y.length, params);
        return List.of(out);
    }
}
