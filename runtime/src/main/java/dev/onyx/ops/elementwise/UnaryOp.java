package dev.onyx.ops.elementwise;

import dev.onyx.ir.Fact;
import dev.onyx.kernel.UnaryF32;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.Buffers;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.LongUnaryOperator;

/** A unary elementwise op (math functions and activations) over every type its {@link UnaryFn} allows. */
final class UnaryOp implements Op {
    private final UnaryFn fn;

    UnaryOp(UnaryFn fn) {
        this.fn = fn;
    }

    static Op create(NodeContext ctx, UnaryFn fn) {
        ctx.expectInputs(1, 1);
        return new UnaryOp(fn);
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        Fact in = inputs.get(0);
        return Facts.like(in, in.dtype());
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        return List.of(apply(fn, inputs.get(0)));
    }

    static Tensor apply(UnaryFn fn, Tensor x) {
        DType t = x.dtype();
        int[] shape = x.shape();
        if (Num.isFloatWork(t) && fn.real() != null) {
            float[] in = Num.floats(x);
            float[] out = t == DType.FLOAT ? Buffers.floats(in.length) : new float[in.length];
            if (fn.fast() != null) {
                fn.fast().apply(in, out);
            } else if (fn.f32() != null) {
                UnaryF32.map(fn.f32(), in, out);
            } else {
                DoubleUnaryOperator f = fn.real();
                for (int i = 0; i < in.length; i++) out[i] = (float) f.applyAsDouble(in[i]);
            }
            return Num.fromFloats(t, shape, out);
        }
        if (t == DType.DOUBLE && fn.real() != null) {
            double[] in = (double[]) x.storage();
            double[] out = Buffers.doubles(in.length);
            DoubleUnaryOperator f = fn.real();
            for (int i = 0; i < in.length; i++) out[i] = f.applyAsDouble(in[i]);
            return Tensor.wrap(DType.DOUBLE, shape, out);
        }
        LongUnaryOperator f = t.isInteger() ? fn.integerFor(t) : null;
        if (f == null) throw Num.unsupported(fn.name(), t);
        long[] in = Num.longs(x);
        long[] out = new long[in.length];
        for (int i = 0; i < in.length; i++) out[i] = f.applyAsLong(in[i]);
        return Num.fromLongs(t, shape, out);
    }
}
