package dev.onyx.ops.misc;

import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

/**
 * ONNX RandomNormal, RandomUniform, RandomNormalLike and RandomUniformLike: tensors of normal(mean, scale)
 * or uniform[low, high) samples, with the shape attribute or the input's shape, in dtype (default float32,
 * or the input's type for the *Like ops). With a seed every run draws the same values; without one each
 * run draws fresh ones. The session never folds these ops.
 */
public final class RandomOps implements Op {
    private final boolean normal;
    private final double a, b;
    private final Float seed;
    private final DType dtype;
    private final int[] shape;

    private RandomOps(boolean normal, double a, double b, Float seed, DType dtype, int[] shape) {
        this.normal = normal;
        this.a = a;
        this.b = b;
        this.seed = seed;
        this.dtype = dtype;
        this.shape = shape;
    }

    static Float seed(NodeContext ctx) {
        return ctx.attrs().has("seed") ? ctx.attrs().getFloat("seed", 0f) : null;
    }

    /** A source of uniform [0, 1) doubles: seeded (the same each run) or fresh. */
    static DoubleSupplier uniform(Float seed) {
        if (seed != null) {
            Random r = new Random(Float.floatToIntBits(seed));
            return r::nextDouble;
        }
        SplittableRandom r = new SplittableRandom();
        return r::nextDouble;
    }

    static Op create(NodeContext ctx, boolean normal, boolean like) {
        var at = ctx.attrs();
        double a = normal ? at.getFloat("mean", 0f) : at.getFloat("low", 0f);
        double b = normal ? at.getFloat("scale", 1f) : at.getFloat("high", 1f);
        if (!normal && !(a <= b)) throw ctx.invalid("attribute 'low' " + a + " must not exceed 'high' " + b);
        DType dtype = null;
        if (at.has("dtype") || !like) {
            dtype = MiscUtil.dtypeAttr(ctx, "dtype", at.getInt("dtype", 1), true);
        }
        int[] shape = null;
        if (like) {
            ctx.expectInputs(1, 1);
        } else {
            ctx.expectInputs(0, 0);
            long[] s = at.getInts("shape");
            if (s == null) throw ctx.invalid("missing required attribute 'shape'");
            shape = new int[s.length];
            long total = 1;
            for (int i = 0; i < s.length; i++) {
                if (s[i] < 0 || s[i] > Integer.MAX_VALUE) throw ctx.invalid("attribute 'shape': bad dimension " + s[i]);
                shape[i] = (int) s[i];
                total *= s[i];
                if (total > Integer.MAX_VALUE - 8) throw ctx.invalid("attribute 'shape': too many elements");
            }
        }
        return new RandomOps(normal, a, b, seed(ctx), dtype, shape);
    }

    @Override
    public List<Fact> infer(List<Fact> in) {
        if (shape != null) return List.of(Fact.of(dtype, shape));
        Fact x = in.get(0);
        DType t = dtype != null ? dtype : x.dtype();
        return List.of(x.hasRank() ? Fact.of(t, x.dims()) : Fact.unknownShape(t));
    }

    @Override
    public List<Tensor> run(List<Tensor> in) {
        int[] s = shape;
        DType t = dtype;
        if (s == null) {
            Tensor x = in.get(0);
            s = x.shape();
            if (t == null) t = x.dtype();
            if (!t.isFloatingPoint()) throw new IllegalArgumentException("random values need a floating-point type, got " + t);
        }
        double[] v = new double[Shapes.size(s)];
        if (normal) {
            Random r = seed != null ? new Random(Float.floatToIntBits(seed)) : new Random(new SplittableRandom().nextLong());
            for (int i = 0; i < v.length; i++) v[i] = a + b * r.nextGaussian();
        } else {
            DoubleSupplier u = uniform(seed);
            for (int i = 0; i < v.length; i++) v[i] = a + (b - a) * u.getAsDouble();
        }
        return List.of(MiscUtil.fromDoubles(t, s, v));
    }
}
