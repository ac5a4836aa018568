package dev.onyx.ops.image;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.kernel.ConvTransposeKernel;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** ONNX ConvTranspose (opsets 1-25+): N-D grouped transposed convolution with output_padding, output_shape and auto_pad. */
public final class ConvTranspose implements Op {
    private enum AutoPad { NOTSET, SAME_UPPER, SAME_LOWER, VALID }

    private final AutoPad autoPad;
    private final int group;
    private final int[] kernel, strides, dilations, pads, outputPadding, outputShape;

    private ConvTranspose(AutoPad autoPad, int group, int[] kernel, int[] strides, int[] dilations, int[] pads,
                          int[] outputPadding, int[] outputShape) {
        this.autoPad = autoPad;
        this.group = group;
        this.kernel = kernel;
        this.strides = strides;
        this.dilations = dilations;
        this.pads = pads;
        this.outputPadding = outputPadding;
        this.outputShape = outputShape;
    }

    static Op create(NodeContext ctx) {
        ctx.expectInputs(2, 3);
        var a = ctx.attrs();
        String ap = a.getString("auto_pad", "NOTSET");
        AutoPad autoPad;
        try {
            autoPad = AutoPad.valueOf(ap);
        } catch (IllegalArgumentException e) {
            throw ctx.invalid("attribute 'auto_pad': expected NOTSET, SAME_UPPER, SAME_LOWER or VALID, got '" + ap + "'");
        }
        long group = a.getInt("group", 1);
        if (group < 1 || group > Integer.MAX_VALUE) throw ctx.invalid("attribute 'group': expected a positive value, got " + group);
        int[] kernel = positive(ctx, "kernel_shape", a.getIntArray("kernel_shape"), 1);
        int[] strides = positive(ctx, "strides", a.getIntArray("strides"), 1);
        int[] dilations = positive(ctx, "dilations", a.getIntArray("dilations"), 1);
        int[] pads = positive(ctx, "pads", a.getIntArray("pads"), 0);
        int[] op = positive(ctx, "output_padding", a.getIntArray("output_padding"), 0);
        int[] os = positive(ctx, "output_shape", a.getIntArray("output_shape"), 0);
        if (pads != null && pads.length % 2 != 0) throw ctx.invalid("attribute 'pads': expected an even number of values, got " + pads.length);
        return new ConvTranspose(autoPad, (int) group, kernel, strides, dilations, pads, op, os);
    }

    private static int[] positive(NodeContext ctx, String name, int[] v, int min) {
        if (v == null) return null;
        for (int x : v) {
            if (x < min) throw ctx.invalid("attribute '" + name + "': values must be " + (min == 0 ? "non-negative" : "positive")
                    + ", got " + Arrays.toString(v));
        }
        return v;
    }

    private static int at(int[] a, int i, int r, int dflt, String name) {
        if (a == null) return dflt;
        if (a.length != r) throw new IllegalArgumentException("attribute '" + name + "' has " + a.length + " values but the input has "
                + r + " spatial axes");
        return a[i];
    }

    /** {out, padBegin} of each spatial axis. */
    private long[][] resolve(long[] in, int[] k) {
        int r = in.length;
        long[] out = new long[r], pb = new long[r];
        if (pads != null && pads.length != 2 * r) {
            throw new IllegalArgumentException("attribute 'pads' has " + pads.length + " values, expected " + 2 * r);
        }
        if (kernel != null && kernel.length != r) {
            throw new IllegalArgumentException("attribute 'kernel_shape' has " + kernel.length + " values, expected " + r);
        }
        int[] os = outputShape;
        if (os != null && os.length == r + 2) os = Arrays.copyOfRange(os, 2, r + 2);
        for (int i = 0; i < r; i++) {
            long s = at(strides, i, r, 1, "strides"), d = at(dilations, i, r, 1, "dilations");
            long opad = at(outputPadding, i, r, 0, "output_padding");
            long eff = (k[i] - 1L) * d + 1;
            long full = s * (in[i] - 1) + opad + eff;
            if (os != null || autoPad == AutoPad.SAME_UPPER || autoPad == AutoPad.SAME_LOWER) {
                long target = os != null ? at(os, i, r, 0, "output_shape") : in[i] * s;
                long total = full - target;
                long half = Math.floorDiv(total, 2);
                pb[i] = autoPad == AutoPad.SAME_UPPER ? half : total - half;
                out[i] = target;
            } else if (autoPad == AutoPad.VALID) {
                out[i] = full;
            } else {
                long b = pads == null ? 0 : pads[i], e = pads == null ? 0 : pads[i + r];
                pb[i] = b;
                out[i] = full - b - e;
            }
            if (out[i] < 0 || out[i] > Integer.MAX_VALUE) throw new IllegalArgumentException("spatial axis " + i + ": output size " + out[i] + " is invalid");
        }
        return new long[][] {out, pb};
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        Fact x = inputs.get(0), w = inputs.get(1);
        DType t = x.dtype() != null ? x.dtype() : w.dtype();
        if (!x.hasRank()) return List.of(Fact.unknownShape(t));
        int rank = x.rank();
        if (rank < 3) throw new IllegalArgumentException("input X must have rank >= 3 (N x C x D1...), got " + x.describe());
        List<Dim> dims = new ArrayList<>();
        dims.add(x.dims().get(0));
        Dim m = Dim.UNKNOWN;
        int[] k = kernel;
        if (w.hasRank() && w.rank() == rank) {
            Dim wm = w.dims().get(1);
            if (wm.isKnown()) m = Dim.of(wm.value() * group);
            if (k == null && w.isStatic()) k = Arrays.copyOfRange(w.staticShape(), 2, rank);
        }
        dims.add(m);
        boolean known = k != null;
        long[] in = new long[rank - 2];
        for (int i = 0; i < in.length; i++) {
            Dim d = x.dims().get(i + 2);
            if (d.isKnown()) in[i] = d.value();
            else known = false;
        }
        if (known) {
            for (long o : resolve(in, k)[0]) dims.add(Dim.of(o));
        } else {
            for (int i = 0; i < in.length; i++) dims.add(Dim.UNKNOWN);
        }
        return List.of(Fact.of(t, dims));
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor x = inputs.get(0), w = inputs.get(1);
        Tensor b = inputs.size() > 2 ? inputs.get(2) : null;
        if (!ImageData.isFloat(x.dtype())) throw new IllegalArgumentException("ConvTranspose expects a floating-point input X, got " + x.dtype());
        if (w.dtype() != x.dtype()) throw new IllegalArgumentException("weight W has type " + w.dtype() + " but X has type " + x.dtype());
        if (b != null && b.dtype() != x.dtype()) throw new IllegalArgumentException("bias B has type " + b.dtype() + " but X has type " + x.dtype());
        int rank = x.rank();
        if (rank < 3) throw new IllegalArgumentException("input X must have rank >= 3 (N x C x D1...), got shape " + Shapes.toString(x.shape()));
        if (w.rank() != rank) {
            throw new IllegalArgumentException("weight W has shape " + Shapes.toString(w.shape()) + " but X has shape " + Shapes.toString(x.shape()));
        }
        int[] xs = x.shape(), ws = w.shape();
        int n = xs[0], c = xs[1];
        if (ws[0] != c) throw new IllegalArgumentException("W has " + ws[0] + " input channels (dim 0) but X has " + c);
        if (c % group != 0) throw new IllegalArgumentException("X has " + c + " channels, which group " + group + " does not divide");
        int m = Math.multiplyExact(ws[1], group);
        int[] k = Arrays.copyOfRange(ws, 2, rank);
        if (kernel != null && !Arrays.equals(kernel, k)) {
            throw new IllegalArgumentException("attribute 'kernel_shape' " + Arrays.toString(kernel) + " does not match the spatial dims of W " + Arrays.toString(k));
        }
        if (b != null && (b.rank() != 1 || b.dim(0) != m)) {
            throw new IllegalArgumentException("bias B must have shape [" + m + "], got " + Shapes.toString(b.shape()));
        }
        int r = rank - 2;
        long[] in = new long[r];
        for (int i = 0; i < r; i++) in[i] = xs[i + 2];
        long[][] res = resolve(in, k);
        int[] out = new int[r], pb = new int[r], st = new int[r], dl = new int[r];
        for (int i = 0; i < r; i++) {
            out[i] = (int) res[0][i];
            pb[i] = Math.toIntExact(res[1][i]);
            st[i] = at(strides, i, r, 1, "strides");
            dl[i] = at(dilations, i, r, 1, "dilations");
        }
        int[] ys = new int[rank];
        ys[0] = n;
        ys[1] = m;
        System.arraycopy(out, 0, ys, 2, r);
        int size = Shapes.size(ys);
        var g = new ConvTransposeKernel.Geometry(Arrays.copyOfRange(xs, 2, rank), k, st, dl, pb, out);
        if (x.dtype() == DType.DOUBLE) {
            double[] y = new double[size];
            ConvTransposeKernel.run(ImageData.doubles(x), ImageData.doubles(w), b == null ? null : ImageData.doubles(b), y, n, c, m, group, g);
            return List.of(Tensor.wrap(DType.DOUBLE, ys, y));
        }
        float[] y = new float[size];
        ConvTransposeKernel.run(ImageData.floats(x), ImageData.floats(w), b == null ? null : ImageData.floats(b), y, n, c, m, group, g);
        return List.of(ImageData.fromFloats(x.dtype(), ys, y));
    }
}
