package dev.onyx.kernel;

/** Float64 max, average and Lp pooling over any number of spatial axes; same semantics as {@link PoolFloat}. */
public final class PoolDouble {
    private PoolDouble() {}

    public static void max(double[] x, double[] y, long[] indices, int planes, ConvGeometry g, boolean columnMajor) {
        run(PoolFloat.Kind.MAX, x, y, indices, planes, g, columnMajor, false, 0);
    }

    public static void average(double[] x, double[] y, int planes, ConvGeometry g, boolean countIncludePad) {
        run(PoolFloat.Kind.AVERAGE, x, y, null, planes, g, false, countIncludePad, 0);
    }

    public static void lp(double[] x, double[] y, int planes, ConvGeometry g, double p) {
        run(PoolFloat.Kind.LP, x, y, null, planes, g, false, false, p);
    }

    private static void run(PoolFloat.Kind kind, double[] x, double[] y, long[] indices, int planes, ConvGeometry g,
                            boolean columnMajor, boolean countIncludePad, double p) {
        int r = g.rank();
        int inSize = g.inSize(), outSize = g.outSize();
        int[] rowStrides = new int[r], colStrides = new int[r];
        for (int i = r - 1, acc = 1; i >= 0; i--) {
            rowStrides[i] = acc;
            acc *= g.in()[i];
        }
        for (int i = 0, acc = 1; i < r; i++) {
            colStrides[i] = acc;
            acc *= g.in()[i];
        }
        int[][][] ranges = new int[r][][];
        for (int i = 0; i < r; i++) {
            ranges[i] = PoolFloat.ranges(g.out()[i], g.strides()[i], g.padBegin()[i], g.padEnd()[i], g.dilations()[i],
                    g.kernel()[i], g.in()[i]);
        }
        int[] o = new int[r], lo = new int[r], hi = new int[r], k = new int[r];
        for (int c = 0; c < planes; c++) {
            int xc = c * inSize;
            java.util.Arrays.fill(o, 0);
            for (int q = 0; q < outSize; q++) {
                long valid = 1, padded = 1;
                for (int i = 0; i < r; i++) {
                    lo[i] = ranges[i][0][o[i]];
                    hi[i] = ranges[i][1][o[i]];
                    valid *= hi[i] - lo[i];
                    padded *= ranges[i][2][o[i]];
                }
                double best = Double.NEGATIVE_INFINITY, sum = 0;
                int at = -1;
                if (valid > 0) {
                    System.arraycopy(lo, 0, k, 0, r);
                    do {
                        int off = 0, colOff = 0;
                        for (int i = 0; i < r; i++) {
                            int pos = o[i] * g.strides()[i] - g.padBegin()[i] + k[i] * g.dilations()[i];
                            off += pos * rowStrides[i];
                            colOff += pos * colStrides[i];
                        }
                        double v = x[xc + off];
                        switch (kind) {
                            case MAX -> {
                                if (v > best || at < 0 || best != best) {
                                    best = v;
                                    at = columnMajor ? colOff : off;
                                }
                            }
                            case AVERAGE -> sum += v;
                            case LP -> sum += p == 2 ? v * v : StrictMath.pow(Math.abs(v), p);
                        }
                    } while (next(k, lo, hi));
                }
                int yo = c * outSize + q;
                switch (kind) {
                    case MAX -> {
                        y[yo] = best;
                        if (indices != null) indices[yo] = at < 0 ? -1 : (long) xc + at;
                    }
                    case AVERAGE -> y[yo] = sum / (countIncludePad ? padded : valid);
                    case LP -> y[yo] = p == 2 ? Math.sqrt(sum) : StrictMath.pow(sum, 1 / p);
                }
                ConvDouble.increment(o, g.out());
            }
        }
    }

    private static boolean next(int[] k, int[] lo, int[] hi) {
        for (int i = k.length - 1; i >= 0; i--) {
            if (++k[i] < hi[i]) return true;
            k[i] = lo[i];
        }
        return false;
    }
}
