package dev.onyx.ops.elementwise;

import dev.onyx.ops.NodeContext;
import dev.onyx.ops.OpRegistry;

import java.util.function.Function;

/** Registers the elementwise operators: arithmetic, math, activations, comparison, logic and casts. */
public final class ElementwiseOps {
    private ElementwiseOps() {}

    private static final int MAX = OpRegistry.MAX_OPSET;

    public static void register(OpRegistry r) {
        // binary arithmetic: opset < 7 has the legacy broadcast/axis attributes
        binary(r, "Add", BinaryFn.ADD);
        binary(r, "Sub", BinaryFn.SUB);
        binary(r, "Mul", BinaryFn.MUL);
        binary(r, "Div", BinaryFn.DIV);
        r.register("Pow", 1, MAX, PowOp::create);
        r.register("Mod", 10, MAX, ctx -> {
            long fmod = ctx.attrs().getInt("fmod", 0);
            if (fmod != 0 && fmod != 1) throw ctx.invalid("attribute 'fmod': expected 0 or 1, got " + fmod);
            return BinaryOp.create(ctx, BinaryFn.mod(fmod == 1), false);
        });
        r.register("BitShift", 11, MAX, ctx -> {
            String d = ctx.attrs().requireString("direction");
            if (!d.equals("LEFT") && !d.equals("RIGHT")) {
                throw ctx.invalid("attribute 'direction': expected LEFT or RIGHT, got '" + d + "'");
            }
            return BinaryOp.create(ctx, BinaryFn.bitShift(d.equals("LEFT")), false);
        });
        r.register("BitwiseAnd", 18, MAX, ctx -> BinaryOp.create(ctx, BinaryFn.BITWISE_AND, false));
        r.register("BitwiseOr", 18, MAX, ctx -> BinaryOp.create(ctx, BinaryFn.BITWISE_OR, false));
        r.register("BitwiseXor", 18, MAX, ctx -> BinaryOp.create(ctx, BinaryFn.BITWISE_XOR, false));
        r.register("BitwiseNot", 18, MAX, ctx -> UnaryOp.create(ctx, MathFns.BITWISE_NOT));
        r.register("PRelu", 1, MAX, BinaryOp::prelu);
        r.register("Max", 1, MAX, ctx -> VariadicOp.create(ctx, BinaryFn.MAX, false));
        r.register("Min", 1, MAX, ctx -> VariadicOp.create(ctx, BinaryFn.MIN, false));
        r.register("Sum", 1, MAX, ctx -> VariadicOp.create(ctx, BinaryFn.SUM, false));
        r.register("Mean", 1, MAX, ctx -> VariadicOp.create(ctx, BinaryFn.SUM, true));

        // unary math
        unary(r, "Abs", 1, MathFns.ABS);
        unary(r, "Neg", 1, MathFns.NEG);
        unary(r, "Exp", 1, MathFns.EXP);
        unary(r, "Log", 1, MathFns.LOG);
        unary(r, "Sqrt", 1, MathFns.SQRT);
        unary(r, "Reciprocal", 1, MathFns.RECIPROCAL);
        unary(r, "Floor", 1, MathFns.FLOOR);
        unary(r, "Ceil", 1, MathFns.CEIL);
        unary(r, "Round", 11, MathFns.ROUND);
        unary(r, "Sign", 9, MathFns.SIGN);
        unary(r, "Erf", 9, MathFns.ERF);
        unary(r, "Sin", 7, MathFns.SIN);
        unary(r, "Cos", 7, MathFns.COS);
        unary(r, "Tan", 7, MathFns.TAN);
        unary(r, "Asin", 7, MathFns.ASIN);
        unary(r, "Acos", 7, MathFns.ACOS);
        unary(r, "Atan", 7, MathFns.ATAN);
        unary(r, "Sinh", 9, MathFns.SINH);
        unary(r, "Cosh", 9, MathFns.COSH);
        unary(r, "Asinh", 9, MathFns.ASINH);
        unary(r, "Acosh", 9, MathFns.ACOSH);
        unary(r, "Atanh", 9, MathFns.ATANH);
        r.register("IsNaN", 9, MAX, PredicateOp::isNaN);
        r.register("IsInf", 10, MAX, PredicateOp::isInf);
        r.register("Not", 1, MAX, NotOp::create);

        // activations
        activation(r, "Relu", 1, Activations::relu);
        activation(r, "LeakyRelu", 1, Activations::leakyRelu);
        activation(r, "Sigmoid", 1, Activations::sigmoid);
        activation(r, "HardSigmoid", 1, Activations::hardSigmoid);
        activation(r, "HardSwish", 14, Activations::hardSwish);
        activation(r, "Tanh", 1, Activations::tanh);
        activation(r, "Elu", 1, Activations::elu);
        activation(r, "Selu", 1, Activations::selu);
        activation(r, "Celu", 12, Activations::celu);
        activation(r, "Softplus", 1, Activations::softplus);
        activation(r, "Softsign", 1, Activations::softsign);
        activation(r, "ThresholdedRelu", 10, Activations::thresholdedRelu);
        activation(r, "Gelu", 20, Activations::gelu);
        activation(r, "Mish", 18, Activations::mish);
        activation(r, "Shrink", 9, Activations::shrink);
        r.register("Clip", 1, MAX, ClipOp::create);

        // comparison and logic
        r.register("Equal", 1, MAX, ctx -> CompareOp.create(ctx, CompareOp.Kind.EQ));
        r.register("Less", 1, MAX, ctx -> CompareOp.create(ctx, CompareOp.Kind.LT));
        r.register("LessOrEqual", 12, MAX, ctx -> CompareOp.create(ctx, CompareOp.Kind.LE));
        r.register("Greater", 1, MAX, ctx -> CompareOp.create(ctx, CompareOp.Kind.GT));
        r.register("GreaterOrEqual", 12, MAX, ctx -> CompareOp.create(ctx, CompareOp.Kind.GE));
        r.register("And", 1, MAX, ctx -> LogicOp.create(ctx, LogicOp.Kind.AND));
        r.register("Or", 1, MAX, ctx -> LogicOp.create(ctx, LogicOp.Kind.OR));
        r.register("Xor", 1, MAX, ctx -> LogicOp.create(ctx, LogicOp.Kind.XOR));
        r.register("Where", 9, MAX, WhereOp::create);

        // casts
        r.register("Cast", 1, MAX, CastOp::cast);
        r.register("CastLike", 15, MAX, CastOp::castLike);
    }

    private static void binary(OpRegistry r, String name, BinaryFn fn) {
        r.register(name, 1, 6, ctx -> BinaryOp.create(ctx, fn, true));
        r.register(name, 7, MAX, ctx -> BinaryOp.create(ctx, fn, false));
    }

    private static void unary(OpRegistry r, String name, int since, UnaryFn fn) {
        r.register(name, since, MAX, ctx -> UnaryOp.create(ctx, fn));
    }

    private static void activation(OpRegistry r, String name, int since, Function<NodeContext, UnaryFn> fn) {
        r.register(name, since, MAX, ctx -> UnaryOp.create(ctx, fn.apply(ctx)));
    }
}
