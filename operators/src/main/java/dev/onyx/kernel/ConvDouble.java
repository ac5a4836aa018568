package dev.onyx.kernel;

/** Float64 convolution over any number of spatial axes, by direct summation. */
public final class ConvDouble {
    private ConvDouble() {}

    /** Same contract as {@link ConvFloat#conv}, for doubles and any spatial rank. */
    public static void conv(double[] x, double[] w, double[] b, double[] y, int batch, int channels, int outChannels,
                            int group, ConvGeometry g) {
        int r = g.rank();
        int cg = channels / group, mg = outChannels / group;
        int inSize = g.inSize(), outSize = g.outSize(), ks = g.kernelSize();
        int[] inStrides = new int[r];
        for (int i = r - 1, acc = 1; i >= 0; i--) {
            inStrides[i] = acc;
            acc *= g.in()[i];
        }
        int[] o = new int[r];
        int[] k = new int[r];
        for (int n = 0; n < batch; n++) {
            for (int m = 0; m < outChannels; m++) {
                int gi = m / mg;
                int yBase = (n * outChannels + m) * outSize;
                java.util.Arrays.fill(o, 0);
                for (int p = 0; p < outSize; p++) {
                    double sum = b == null ? 0 : b[m];
                    for (int c = 0; c < cg; c++) {
                        int xBase = (n * channels + gi * cg + c) * inSize;
                        int wBase = (m * cg + c) * ks;
                        java.util.Arrays.fill(k, 0);
                        for (int t = 0; t < ks; t++) {
                            int off = 0;
                            boolean inside = true;
                            for (int i = 0; i < r; i++) {
                                int pos = o[i] * g.strides()[i] - g.padBegin()[i] + k[i] * g.dilations()[i];
                                if (pos < 0 || pos >= g.in()[i]) {
                                    inside = false;
                                    break;
                                }
                                off += pos * inStrides[i];
                            }
                            if (inside) sum += x[xBase + off] * w[wBase + t];
                            increment(k, g.kernel());
                        }
                    }
                    y[yBase + p] = sum;
                    increment(o, g.out());
                }
            }
        }
    }

    /** Advances a row-major multi-index within the given extents (wraps to zero after the last). */
    static void increment(int[] idx, int[] extent) {
        for (int i = idx.length - 1; i >= 0; i--) {
            if (++idx[i] < extent[i]) return;
            idx[i] = 0;
        }
    }
}
