package dev.onyx.ops.nn;

import dev.onyx.ir.Attributes;
import dev.onyx.ir.Dim;
import dev.onyx.kernel.ConvGeometry;
import dev.onyx.ops.NodeContext;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The sliding-window attributes shared by Conv and the pooling ops (kernel_shape, strides, dilations,
 * pads, auto_pad, ceil_mode), checked at creation and resolved against an input's spatial shape.
 */
final class Window {
    enum AutoPad { NOTSET, SAME_UPPER, SAME_LOWER, VALID }

    private final int[] kernel;
    private final int[] strides;
    private final int[] dilations;
    private final int[] pads;
    private final AutoPad autoPad;
    private final boolean ceilMode;

    private Window(int[] kernel, int[] strides, int[] dilations, int[] pads, AutoPad autoPad, boolean ceilMode) {
        this.kernel = kernel;
        this.strides = strides;
        this.dilations = dilations;
        this.pads = pads;
        this.autoPad = autoPad;
        this.ceilMode = ceilMode;
    }

    /**
     * Reads the window attributes of a node.
     *
     * @param kernelRequired whether kernel_shape must be given (pooling) or may come from the weights (Conv)
     * @param withDilations  whether the op's opset version defines 'dilations'
     * @param withCeilMode   whether the op's opset version defines 'ceil_mode'
     */
    static Window read(NodeContext ctx, boolean kernelRequired, boolean withDilations, boolean withCeilMode) {
        Attributes a = ctx.attrs();
        int[] kernel = a.getIntArray("kernel_shape");
        if (kernel == null && kernelRequired) throw ctx.invalid("missing required attribute 'kernel_shape'");
        int[] strides = a.getIntArray("strides");
        int[] dilations = withDilations ? a.getIntArray("dilations") : null;
        int[] pads = a.getIntArray("pads");
        String ap = a.getString("auto_pad", "NOTSET");
        AutoPad autoPad;
        try {
            autoPad = AutoPad.valueOf(ap);
        } catch (IllegalArgumentException e) {
            throw ctx.invalid("attribute 'auto_pad': expected NOTSET, SAME_UPPER, SAME_LOWER or VALID, got '" + ap + "'");
        }
        long cm = withCeilMode ? a.getInt("ceil_mode", 0) : 0;
        if (cm != 0 && cm != 1) throw ctx.invalid("attribute 'ceil_mode': expected 0 or 1, got " + cm);
        int rank = kernel != null ? kernel.length : strides != null ? strides.length
                : dilations != null ? dilations.length : pads != null ? pads.length / 2 : -1;
        if (kernel != null && kernel.length == 0) throw ctx.invalid("attribute 'kernel_shape' is empty");
        check(ctx, "kernel_shape", kernel, rank, 1);
        check(ctx, "strides", strides, rank, 1);
        check(ctx, "dilations", dilations, rank, 1);
        check(ctx, "pads", pads, 2 * rank, 0);
        if (autoPad != AutoPad.NOTSET) pads = null; // auto_pad overrides explicit pads
        return new Window(kernel, strides, dilations, pads, autoPad, cm == 1);
    }

    /** True when no stride or dilation attribute is above 1. */
    boolean unitStridesAndDilations() {
        return (strides == null || java.util.Arrays.stream(strides).allMatch(v -> v == 1))
                && (dilations == null || java.util.Arrays.stream(dilations).allMatch(v -> v == 1));
    }

    private static void check(NodeContext ctx, String name, int[] v, int expectedLength, int min) {
        if (v == null) return;
        if (v.length != expectedLength) {
            throw ctx.invalid("attribute '" + name + "': expected " + expectedLength + " values, got " + v.length
                    + " " + Arrays.toString(v));
        }
        for (int x : v) {
            if (x < min) {
                throw ctx.invalid("attribute '" + name + "': values must be " + (min == 0 ? "non-negative" : "positive")
                        + ", got " + Arrays.toString(v));
            }
        }
    }

    /** kernel_shape, or null when absent. */
    int[] kernel() { return kernel == null ? null : kernel.clone(); }

    /** The number of spatial axes the attributes imply, or -1 when they say nothing. */
    int rank() {
        if (kernel != null) return kernel.length;
        if (strides != null) return strides.length;
        if (dilations != null) return dilations.length;
        if (pads != null) return pads.length / 2;
        return -1;
    }

    /** Checks that the attributes fit a spatial rank; throws IllegalArgumentException otherwise. */
    void checkRank(int spatialRank, String what) {
        int r = rank();
        if (r >= 0 && r != spatialRank) {
            throw new IllegalArgumentException("the window attributes describe " + r + " spatial axes but " + what
                    + " has " + spatialRank);
        }
    }

    /**
     * Output size and pads of spatial axis i for an input of the given size and a kernel extent:
     * {out, padBegin, padEnd}. Throws IllegalArgumentException when the window does not fit.
     */
    long[] axis(int i, long in, int k) {
        long s = strides == null ? 1 : strides[i];
        long d = dilations == null ? 1 : dilations[i];
        long eff = (k - 1) * d + 1;
        long pb = 0, pe = 0, out;
        switch (autoPad) {
            case SAME_UPPER, SAME_LOWER -> {
                out = (in + s - 1) / s;
                long total = Math.max(0, (out - 1) * s + eff - in);
                pb = autoPad == AutoPad.SAME_UPPER ? total / 2 : total - total / 2;
                pe = total - pb;
            }
            case VALID -> {
                if (in < eff) throw tooSmall(i, in, 0, 0, eff);
                out = (in - eff) / s + 1;
            }
            default -> {
                if (pads != null) {
                    pb = pads[i];
                    pe = pads[i + pads.length / 2];
                }
                long span = in + pb + pe - eff;
                if (span < 0) throw tooSmall(i, in, pb, pe, eff);
                if (ceilMode) {
                    out = (span + s - 1) / s + 1;
                    // the last window must start inside the input or its left padding
                    if ((out - 1) * s >= in + pb) out--;
                } else {
                    out = span / s + 1;
                }
            }
        }
        if (out > Integer.MAX_VALUE || pb > Integer.MAX_VALUE || pe > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("spatial axis " + i + ": output size " + out + " is too large");
        }
        return new long[] {out, pb, pe};
    }

    private static IllegalArgumentException tooSmall(int i, long in, long pb, long pe, long eff) {
        return new IllegalArgumentException("spatial axis " + i + ": input size " + in + " with pads (" + pb + ", "
                + pe + ") is smaller than the dilated kernel extent " + eff);
    }

    /** The full geometry for an input's spatial shape and the kernel's spatial shape. */
    ConvGeometry resolve(int[] in, int[] k) {
        int r = in.length;
        int[] st = new int[r], dl = new int[r], pb = new int[r], pe = new int[r], out = new int[r];
        for (int i = 0; i < r; i++) {
            long[] a = axis(i, in[i], k[i]);
            out[i] = (int) a[0];
            pb[i] = (int) a[1];
            pe[i] = (int) a[2];
            st[i] = strides == null ? 1 : strides[i];
            dl[i] = dilations == null ? 1 : dilations[i];
        }
        return new ConvGeometry(in.clone(), k.clone(), st, dl, pb, pe, out);
    }

    /** Output spatial dims for input spatial dims (unknown where the input or kernel size is). */
    List<Dim> inferSpatial(List<Dim> in, int[] k) {
        List<Dim> out = new ArrayList<>(in.size());
        for (int i = 0; i < in.size(); i++) {
            Dim d = in.get(i);
            if (k == null || !d.isKnown()) out.add(Dim.UNKNOWN);
            else out.add(Dim.of(axis(i, d.value(), k[i])[0]));
        }
        return out;
    }
}
