package dev.onyx.kernel;

import java.util.Arrays;

/**
 * Sliding-window geometry over the spatial axes of a convolution or pooling: input sizes, kernel,
 * strides, dilations, begin/end pads and output sizes, one entry per spatial axis.
 */
public record ConvGeometry(int[] in, int[] kernel, int[] strides, int[] dilations, int[] padBegin, int[] padEnd,
                           int[] out) {
    public ConvGeometry {
        int r = in.length;
        if (kernel.length != r || strides.length != r || dilations.length != r || padBegin.length != r
                || padEnd.length != r || out.length != r) {
            throw new IllegalArgumentException("geometry arrays must all have " + r + " entries");
        }
    }

    public int rank() { return in.length; }

    public int inSize() { return product(in); }

    public int outSize() { return product(out); }

    public int kernelSize() { return product(kernel); }

    /** True when the window is a single tap at each output position with no stride or padding. */
    public boolean isPointwise() {
        for (int i = 0; i < in.length; i++) {
            if (kernel[i] != 1 || strides[i] != 1 || padBegin[i] != 0 || padEnd[i] != 0 || out[i] != in[i]) return false;
        }
        return true;
    }

    /** The same geometry with unit axes put in front so that it has exactly 3 spatial axes; rank must be at most 3. */
    public ConvGeometry as3d() {
        if (in.length == 3) return this;
        if (in.length > 3) throw new IllegalStateException("rank " + in.length + " geometry cannot be viewed as 3-D");
        return new ConvGeometry(lead(in, 1), lead(kernel, 1), lead(strides, 1), lead(dilations, 1),
                lead(padBegin, 0), lead(padEnd, 0), lead(out, 1));
    }

    private static int[] lead(int[] a, int fill) {
        int[] r = new int[3];
        Arrays.fill(r, fill);
        System.arraycopy(a, 0, r, 3 - a.length, a.length);
        return r;
    }

    private static int product(int[] a) {
        long p = 1;
        for (int v : a) p *= v;
        return Math.toIntExact(p);
    }

    /** First tap index k in [0, kernel) whose position start + k*dilation is at least lo. */
    static int firstTap(int start, int lo, int dilation) {
        return start >= lo ? 0 : ceilDiv(lo - start, dilation);
    }

    /** One past the last tap index k (capped at kernel) whose position start + k*dilation is below hi. */
    static int endTap(int start, int hi, int dilation, int kernel) {
        if (hi - start <= 0) return 0;
        return Math.min(kernel, ceilDiv(hi - start, dilation));
    }

    static int ceilDiv(int a, int b) { return -Math.floorDiv(-a, b); }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConvGeometry g && Arrays.equals(in, g.in) && Arrays.equals(kernel, g.kernel)
                && Arrays.equals(strides, g.strides) && Arrays.equals(dilations, g.dilations)
                && Arrays.equals(padBegin, g.padBegin) && Arrays.equals(padEnd, g.padEnd) && Arrays.equals(out, g.out);
    }

    @Override
    public int hashCode() { return Arrays.hashCode(in) * 31 + Arrays.hashCode(out); }

    @Override
    public String toString() {
        return "in=" + Arrays.toString(in) + " kernel=" + Arrays.toString(kernel) + " strides=" + Arrays.toString(strides)
                + " dilations=" + Arrays.toString(dilations) + " pads=" + Arrays.toString(padBegin) + Arrays.toString(padEnd)
                + " out=" + Arrays.toString(out);
    }
}
