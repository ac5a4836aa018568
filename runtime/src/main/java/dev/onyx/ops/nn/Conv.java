package dev.onyx.ops.nn;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.kernel.ConvDouble;
import dev.onyx.kernel.ConvFloat;
import dev.onyx.kernel.ConvGeometry;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** ONNX Conv (opsets 1-25): N-D grouped convolution with strides, dilations, pads or auto_pad and optional bias. */
public final class Conv implements Op {
    private final Window window;
    private final int group;
    /** The constant weight tensor (float32) and its packed form, or nulls when W is computed at run time. */
    private final Tensor constantW;
    private final dev.onyx.kernel.ConvWeights packedW;

    private Conv(Window window, int group, Tensor constantW, dev.onyx.kernel.ConvWeights packedW) {
        this.window = window;
        this.group = group;
        this.constantW = constantW;
        this.packedW = packedW;
    }

    static Op create(NodeContext ctx) {
        ctx.expectInputs(2, 3);
        long group = ctx.attrs().getInt("group", 1);
        if (group < 1 || group > Integer.MAX_VALUE) throw ctx.invalid("attribute 'group': expected a positive value, got " + group);
        Window window = Window.read(ctx, false, true, false);
        Tensor w = ctx.constantInput(1);
        dev.onyx.kernel.ConvWeights packed = null;
        if (w != null && w.dtype() == DType.FLOAT && w.rank() >= 3 && w.rank() <= 5 && w.dim(0) % group == 0) {
            int[] ws = w.shape();
            int depth = w.size() / Math.max(1, ws[0]);
            // depthwise convolutions (one input channel per group, group > 1) run their own kernel on W as is
            boolean depthwise = ws[1] == 1 && group > 1;
            boolean winograd = ws.length == 4 && ws[2] == 3 && ws[3] == 3 && group == 1 && window.unitStridesAndDilations();
            packed = dev.onyx.kernel.ConvFloat.prepack((float[]) w.storage(), ws[0], (int) group, depth, depthwise, winograd);
        }
        return new Conv(window, (int) group, packed == null ? null : w, packed);
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        Fact x = inputs.get(0), w = inputs.get(1);
        Fact b = inputs.size() > 2 ? inputs.get(2) : null;
        DType t = x.dtype() != null ? x.dtype() : w.dtype();
        if (x.dtype() != null && w.dtype() != null) checkTypes(x.dtype(), w.dtype(), b == null ? null : b.dtype());
        if (!x.hasRank()) return List.of(Fact.unknownShape(t));
        int rank = x.rank();
        if (rank < 3) throw new IllegalArgumentException("input X must have rank >= 3 (N x C x D1...), got " + x.describe());
        window.checkRank(rank - 2, "X");
        int[] kernel = window.kernel();
        Dim m = Dim.UNKNOWN;
        if (w.hasRank()) {
            if (w.rank() != rank) {
                throw new IllegalArgumentException("weight W " + w.describe() + " has rank " + w.rank() + " but X "
                        + x.describe() + " has rank " + rank);
            }
            m = w.dims().get(0);
            int[] wk = new int[rank - 2];
            boolean known = true;
            for (int i = 0; i < wk.length; i++) {
                Dim d = w.dims().get(i + 2);
                if (d.isKnown()) wk[i] = Math.toIntExact(d.value());
                else known = false;
            }
            if (known) {
                if (kernel != null && !Arrays.equals(kernel, wk)) throw kernelMismatch(kernel, wk);
                kernel = wk;
            }
            Dim c = x.dims().get(1), wc = w.dims().get(1);
            if (c.isKnown() && wc.isKnown() && c.value() != wc.value() * group) {
                throw channelMismatch(c.value(), wc.value());
            }
            if (m.isKnown() && m.value() % group != 0) throw groupMismatch(m.value());
        }
        if (b != null && b.hasRank() && m.isKnown()) {
            if (b.rank() != 1 || b.dims().get(0).isKnown() && b.dims().get(0).value() != m.value()) {
                throw new IllegalArgumentException("bias B must have shape [" + m.value() + "], got " + b.describe());
            }
        }
        List<Dim> dims = new ArrayList<>();
        dims.add(x.dims().get(0));
        dims.add(m);
        dims.addAll(window.inferSpatial(x.dims().subList(2, rank), kernel));
        return List.of(Fact.of(t, dims));
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        return run(inputs, null);
    }

    /**
     * Runs the convolution; for float32 (and float16) outputs the epilogue is applied to each finished
     * output segment while it is hot; for other types it is ignored (see {@link #appliesEpilogue}).
     */
    public List<Tensor> run(List<Tensor> inputs, ConvFloat.Epilogue epilogue) {
        Tensor x = inputs.get(0), w = inputs.get(1);
        Tensor b = inputs.size() > 2 ? inputs.get(2) : null;
        Plan p = plan(inputs);
        int size = Shapes.size(p.ys);
        DType t = x.dtype();
        if (t != DType.DOUBLE && x.rank() <= 5) {
            float[] y = dev.onyx.tensor.Buffers.floats(size);
            ConvFloat.conv(NnData.floats(x), NnData.floats(w), w == constantW ? packedW : null, b == null ? null : NnData.floats(b), y, p.n, p.c, p.m, group, p.g,
                    t == DType.FLOAT ? epilogue : null);
            return List.of(NnData.fromFloats(t, p.ys, y));
        }
        double[] y = dev.onyx.tensor.Buffers.doubles(size);
        ConvDouble.conv(NnData.doubles(x), NnData.doubles(w), b == null ? null : NnData.doubles(b), y, p.n, p.c, p.m, group, p.g);
        return List.of(NnData.fromDoubles(t, p.ys, y));
    }

    /** Checked inputs: geometry, output shape, batch, channels and output channels. */
    private record Plan(ConvGeometry g, int[] ys, int n, int c, int m) {}

    /** The output shape {@link #run} gives for these inputs (checked the same way). */
    public int[] outputShape(List<Tensor> inputs) { return plan(inputs).ys.clone(); }

    /**
     * For float32 X, W and B of rank at most 5: the convolution and epilogue written to y[yOff, yOff + output size)
     * (for example one slice of a concatenation), returning true; false, writing nothing, for other types.
     */
    public boolean runInto(List<Tensor> inputs, ConvFloat.Epilogue epilogue, float[] y, int yOff) {
        Tensor x = inputs.get(0), w = inputs.get(1);
        Tensor b = inputs.size() > 2 ? inputs.get(2) : null;
        if (x.dtype() != DType.FLOAT || x.rank() > 5) return false;
        Plan p = plan(inputs);
        ConvFloat.conv((float[]) x.storage(), (float[]) w.storage(), w == constantW ? packedW : null,
                b == null ? null : (float[]) b.storage(), y, yOff, p.n, p.c, p.m, group, p.g, epilogue);
        return true;
    }

    private Plan plan(List<Tensor> inputs) {
        Tensor x = inputs.get(0), w = inputs.get(1);
        Tensor b = inputs.size() > 2 ? inputs.get(2) : null;
        checkTypes(x.dtype(), w.dtype(), b == null ? null : b.dtype());
        int rank = x.rank();
        if (rank < 3) {
            throw new IllegalArgumentException("input X must have rank >= 3 (N x C x D1...), got shape " + Shapes.toString(x.shape()));
        }
        window.checkRank(rank - 2, "X");
        if (w.rank() != rank) {
            throw new IllegalArgumentException("weight W has shape " + Shapes.toString(w.shape()) + " (rank " + w.rank()
                    + ") but X has shape " + Shapes.toString(x.shape()) + " (rank " + rank + ")");
        }
        int[] xs = x.shape(), ws = w.shape();
        int n = xs[0], c = xs[1], m = ws[0];
        if (c != (long) ws[1] * group) throw channelMismatch(c, ws[1]);
        if (m % group != 0) throw groupMismatch(m);
        int[] wk = Arrays.copyOfRange(ws, 2, rank);
        int[] kernel = window.kernel();
        if (kernel != null && !Arrays.equals(kernel, wk)) throw kernelMismatch(kernel, wk);
        if (b != null && (b.rank() != 1 || b.dim(0) != m)) {
            throw new IllegalArgumentException("bias B must have shape [" + m + "], got " + Shapes.toString(b.shape()));
        }
        ConvGeometry g = window.resolve(Arrays.copyOfRange(xs, 2, rank), wk);
        int[] ys = new int[rank];
        ys[0] = n;
        ys[1] = m;
        System.arraycopy(g.out(), 0, ys, 2, rank - 2);
        return new Plan(g, ys, n, c, m);
    }

    /**
     * The geometry of this convolution over an input with these spatial dims and a weight with these kernel
     * dims (pads resolved); throws when the kernel does not match the attributes.
     */
    public ConvGeometry geometry(int[] spatial, int[] kernel) {
        window.checkRank(spatial.length, "X");
        int[] k = window.kernel();
        if (k != null && !Arrays.equals(k, kernel)) throw kernelMismatch(k, kernel);
        return window.resolve(spatial, kernel);
    }

    /** The group attribute. */
    public int group() { return group; }

    /** The weights packed at session creation when {@code w} is this node's constant W, else null. */
    public dev.onyx.kernel.ConvWeights packedFor(Tensor w) { return w == constantW ? packedW : null; }

    /** True when {@link #run(List, ConvFloat.Epilogue)} applies the epilogue for inputs of this type. */
    public static boolean appliesEpilogue(DType x, int rank) {
        return x == DType.FLOAT && rank <= 5;
    }

    private static void checkTypes(DType x, DType w, DType b) {
        if (!NnData.isFloat(x)) throw new IllegalArgumentException("Conv expects a floating-point input X, got " + x);
        if (w != x) throw new IllegalArgumentException("weight W has type " + w + " but X has type " + x);
        if (b != null && b != x) throw new IllegalArgumentException("bias B has type " + b + " but X has type " + x);
    }

    private IllegalArgumentException channelMismatch(long c, long wc) {
        return new IllegalArgumentException("X has " + c + " channels but W expects " + wc * group + " (W dim 1 = " + wc
                + " x group " + group + ")");
    }

    private IllegalArgumentException groupMismatch(long m) {
        return new IllegalArgumentException("W has " + m + " output channels, which group " + group + " does not divide");
    }

    private static IllegalArgumentException kernelMismatch(int[] kernel, int[] wk) {
        return new IllegalArgumentException("attribute 'kernel_shape' " + Arrays.toString(kernel)
                + " does not match the spatial dims of W " + Arrays.toString(wk));
    }
}
