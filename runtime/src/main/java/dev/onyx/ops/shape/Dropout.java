package dev.onyx.ops.shape;

import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

/**
 * ONNX Dropout: identity with an all-true mask in inference; from opset 12, training_mode=true drops each
 * element with probability ratio and scales the kept ones by 1/(1-ratio) (seeded by 'seed' when given).
 * Before opset 7 it is evaluated in test mode whatever 'is_test' says, as ONNX runtimes do.
 */
public final class Dropout implements Op {
    private final int opset;
    private final float attrRatio;
    private final Long seed;
    private final boolean wantMask;

    private Dropout(int opset, float attrRatio, Long seed, boolean wantMask) {
        this.opset = opset;
        this.attrRatio = attrRatio;
        this.seed = seed;
        this.wantMask = wantMask;
    }

    static Op create(NodeContext ctx) {
        if (ctx.outputCount() < 1 || ctx.outputCount() > 2) throw ctx.invalid("expected 1 or 2 outputs, got " + ctx.outputCount());
        boolean mask = ctx.hasOutput(1);
        if (ctx.opset() < 12) {
            ctx.expectInputs(1, 1);
            float r = ctx.attrs().getFloat("ratio", 0.5f);
            if (!(r >= 0 && r <= 1)) throw ctx.invalid("attribute 'ratio': " + r + " is not in [0, 1]");
            return new Dropout(ctx.opset(), r, null, mask);
        }
        ctx.expectInputs(1, 3);
        Long seed = ctx.attrs().has("seed") ? ctx.attrs().requireInt("seed") : null;
        return new Dropout(ctx.opset(), 0.5f, seed, mask);
    }

    private DType maskType(DType data) {
        return opset >= 10 ? DType.BOOL : data;
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        Fact x = inputs.get(0);
        List<Fact> out = new ArrayList<>();
        out.add(ShapeUtil.like(x));
        if (wantMask) out.add(new Fact(x.dtype() == null ? null : maskType(x.dtype()), x.dims(), null));
        return out;
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        boolean training = false;
        double ratio = attrRatio;
        if (opset >= 12) {
            Tensor r = inputs.size() > 1 ? inputs.get(1) : null;
            Tensor t = inputs.size() > 2 ? inputs.get(2) : null;
            if (r != null) {
                if (r.size() != 1) throw new IllegalArgumentException("ratio: expected a scalar, got " + r.size() + " values");
                ratio = r.getDouble(0);
            }
            if (t != null) {
                if (t.size() != 1) throw new IllegalArgumentException("training_mode: expected a scalar, got " + t.size() + " values");
                training = t.getDouble(0) != 0;
            }
        }
        if (!training || ratio == 0) {
            List<Tensor> out = new ArrayList<>();
            out.add(x);
            if (wantMask) out.add(allTrue(maskType(x.dtype()), x.shape()));
            return out;
        }
        if (!(ratio >= 0 && ratio <= 1)) throw new IllegalArgumentException("ratio " + ratio + " is not in [0, 1]");
        if (!x.dtype().isFloatingPoint()) throw new IllegalArgumentException("training-mode Dropout needs a floating-point input, got " + x.dtype());
        SplittableRandom rnd = seed != null ? new SplittableRandom(seed) : new SplittableRandom(ThreadLocalRandom.current().nextLong());
        int n = x.size();
        boolean[] keep = new boolean[n];
        for (int i = 0; i < n; i++) keep[i] = rnd.nextDouble() >= ratio;
        double scale = ratio >= 1 ? 0 : 1 / (1 - ratio);
        Tensor y;
        if (x.dtype() == DType.FLOAT) {
            float[] src = (float[]) x.storage();
            float[] dst = new float[n];
            float s = (float) scale;
            for (int i = 0; i < n; i++) dst[i] = keep[i] ? src[i] * s : 0f;
            y = Tensor.wrap(DType.FLOAT, x.shape(), dst);
        } else {
            Tensor.Writer w = new Tensor.Writer(x.dtype(), x.shape());
            for (int i = 0; i < n; i++) w.setDouble(i, keep[i] ? x.getDouble(i) * scale : 0);
            y = w.done();
        }
        List<Tensor> out = new ArrayList<>();
        out.add(y);
        if (wantMask) out.add(Tensor.wrap(DType.BOOL, x.shape(), keep));
        return out;
    }

    private static Tensor allTrue(DType dt, int[] shape) {
        if (dt == DType.BOOL) {
            boolean[] b = new boolean[dev.onyx.tensor.Shapes.size(shape)];
            Arrays.fill(b, true);
            return Tensor.wrap(DType.BOOL, shape, b);
        }
        double[] ones = new double[dev.onyx.tensor.Shapes.size(shape)];
        Arrays.fill(ones, 1);
        return Tensor.fromDoubles(dt, shape, ones);
    }
}
