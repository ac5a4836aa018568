package dev.onyx.ops.elementwise;

import dev.onyx.kernel.UnaryF32;
import dev.onyx.kernel.UnaryMath;
import dev.onyx.ops.NodeContext;

/** The activation functions as {@link UnaryFn}s, reading their attributes (alpha, beta, gamma...). */
final class Activations {
    private Activations() {}

    static UnaryFn relu(NodeContext ctx) {
        return new UnaryFn("Relu", UnaryF32::relu, null, x -> Math.max(x, 0), t -> t.isUnsigned() ? null : x -> Math.max(x, 0));
    }

    static UnaryFn leakyRelu(NodeContext ctx) {
        float alpha = ctx.attrs().getFloat("alpha", 0.01f);
        return UnaryFn.real("LeakyRelu", x -> x < 0 ? alpha * x : x)
                .withFast((x, out) -> UnaryF32.leakyRelu(x, alpha, out));
    }

    static UnaryFn sigmoid(NodeContext ctx) {
        return UnaryFn.real("Sigmoid", x -> x >= 0 ? 1 / (1 + StrictMath.exp(-x)) : StrictMath.exp(x) / (1 + StrictMath.exp(x)))
                .withFast(UnaryF32::sigmoid);
    }

    static UnaryFn hardSigmoid(NodeContext ctx) {
        float alpha = ctx.attrs().getFloat("alpha", 0.2f);
        float beta = ctx.attrs().getFloat("beta", 0.5f);
        return UnaryFn.real("HardSigmoid", x -> Math.max(0, Math.min(1, alpha * x + beta)))
                .withFast((x, out) -> UnaryF32.hardSigmoid(x, alpha, beta, out));
    }

    static UnaryFn hardSwish(NodeContext ctx) {
        return UnaryFn.real("HardSwish", x -> x * Math.max(0, Math.min(1, x / 6 + 0.5))).withFast(UnaryF32::hardSwish);
    }

    static UnaryFn tanh(NodeContext ctx) {
        return UnaryFn.real("Tanh", Math::tanh).withFast(UnaryF32::tanh);
    }

    static UnaryFn elu(NodeContext ctx) {
        float alpha = ctx.attrs().getFloat("alpha", 1f);
        return UnaryFn.real("Elu", x -> x < 0 ? alpha * StrictMath.expm1(x) : x);
    }

    static UnaryFn selu(NodeContext ctx) {
        float alpha = ctx.attrs().getFloat("alpha", 1.67326319217681884765625f);
        float gamma = ctx.attrs().getFloat("gamma", 1.05070102214813232421875f);
        return UnaryFn.real("Selu", x -> x <= 0 ? gamma * (alpha * StrictMath.exp(x) - alpha) : gamma * x);
    }

    static UnaryFn celu(NodeContext ctx) {
        float alpha = ctx.attrs().getFloat("alpha", 1f);
        if (alpha == 0) throw ctx.invalid("attribute 'alpha' must not be 0");
        return UnaryFn.real("Celu", x -> Math.max(0, x) + Math.min(0, alpha * StrictMath.expm1(x / alpha)));
    }

    static UnaryFn softplus(NodeContext ctx) {
        return UnaryFn.real("Softplus", UnaryMath::softplus);
    }

    static UnaryFn softsign(NodeContext ctx) {
        return UnaryFn.real("Softsign", x -> x / (1 + Math.abs(x)));
    }

    static UnaryFn thresholdedRelu(NodeContext ctx) {
        float alpha = ctx.attrs().getFloat("alpha", 1f);
        return UnaryFn.real("ThresholdedRelu", x -> x > alpha ? x : 0);
    }

    static UnaryFn gelu(NodeContext ctx) {
        String approximate = ctx.attrs().getString("approximate", "none");
        return switch (approximate) {
            case "none" -> UnaryFn.real("Gelu", x -> (float) (0.5 * x * (1 + UnaryMath.erfFast((float) (x * 0.7071067811865476)))),
                    x -> 0.5 * x * (1 + UnaryMath.erf(x * 0.7071067811865476)));
            case "tanh" -> UnaryFn.real("Gelu",
                    x -> 0.5 * x * (1 + StrictMath.tanh(0.7978845608028654 * (x + 0.044715 * x * x * x))));
            default -> throw ctx.invalid("attribute 'approximate': expected none or tanh, got '" + approximate + "'");
        };
    }

    static UnaryFn mish(NodeContext ctx) {
        return UnaryFn.real("Mish", x -> x * StrictMath.tanh(UnaryMath.softplus(x)));
    }

    static UnaryFn shrink(NodeContext ctx) {
        float lambd = ctx.attrs().getFloat("lambd", 0.5f);
        float bias = ctx.attrs().getFloat("bias", 0f);
        java.util.function.DoubleUnaryOperator f = x -> x < -lambd ? x + bias : x > lambd ? x - bias : 0;
        return new UnaryFn("Shrink", null, null, f, t -> t == dev.onyx.tensor.DType.UINT64
                ? x -> (long) f.applyAsDouble(dev.onyx.tensor.Tensor.unsignedLongToDouble(x))
                : x -> (long) f.applyAsDouble(x));
    }
}
