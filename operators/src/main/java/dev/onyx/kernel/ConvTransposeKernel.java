package dev.onyx.kernel;

/**
 * N-D grouped transposed convolution as GEMM + col2im: for each image and group, cols = W_g^T * X_g
 * ([M/g * K] x S), then every column entry is added at its output position i*stride + k*dilation - padBegin.
 */
public final class ConvTransposeKernel {
    private ConvTransposeKernel() {}

    /** Geometry per spatial axis: input size, kernel size, stride, dilation, begin pad (may be negative), output size. */
    public record Geometry(int[] in, int[] kernel, int[] strides, int[] dilations, int[] padBegin, int[] out) {
        int inSize() { return prod(in); }
        int kernelSize() { return prod(kernel); }
        int outSize() { return prod(out); }

        private static int prod(int[] a) {
            long p = 1;
            for (int v : a) p *= v;
            return Math.toIntExact(p);
        }
    }

    /**
     * x [n, c, in...], w [c, m/group, kernel...], b [m] or null, y [n, m, out...] (written fully).
     */
    public static void run(float[] x, float[] w, float[] b, float[] y, int n, int c, int m, int group, Geometry g) {
        int cg = c / group, mg = m / group, s = g.inSize(), k = g.kernelSize(), o = g.outSize();
        float[] cols = new float[Math.multiplyExact(mg * k, s)];
        java.util.Arrays.fill(y, 0f);
        for (int img = 0; img < n; img++) {
            for (int gr = 0; gr < group; gr++) {
                Sgemm.sgemm(true, false, mg * k, s, cg, 1f, w, gr * cg * mg * k, mg * k,
                        x, (img * c + gr * cg) * s, s, 0f, cols, 0, s);
                for (int mm = 0; mm < mg; mm++) {
                    int yOff = (img * m + gr * mg + mm) * o;
                    col2im(cols, mm * k * s, y, yOff, g);
                    if (b != null) {
                        float bv = b[gr * mg + mm];
                        for (int i = 0; i < o; i++) y[yOff + i] += bv;
                    }
                }
            }
        }
    }

    /** The same in double precision. */
    public static void run(double[] x, double[] w, double[] b, double[] y, int n, int c, int m, int group, Geometry g) {
        int cg = c / group, mg = m / group, s = g.inSize(), k = g.kernelSize(), o = g.outSize();
        double[] cols = new double[Math.multiplyExact(mg * k, s)];
        java.util.Arrays.fill(y, 0.0);
        int mk = mg * k;
        for (int img = 0; img < n; img++) {
            for (int gr = 0; gr < group; gr++) {
                java.util.Arrays.fill(cols, 0.0);
                int wOff = gr * cg * mk, xOff = (img * c + gr * cg) * s;
                for (int ci = 0; ci < cg; ci++) {
                    for (int r = 0; r < mk; r++) {
                        double wv = w[wOff + ci * mk + r];
                        if (wv == 0) continue;
                        int cr = r * s, xr = xOff + ci * s;
                        for (int j = 0; j < s; j++) cols[cr + j] += wv * x[xr + j];
                    }
                }
                for (int mm = 0; mm < mg; mm++) {
                    int yOff = (img * m + gr * mg + mm) * o;
                    col2im(cols, mm * k * s, y, yOff, g);
                    if (b != null) {
                        double bv = b[gr * mg + mm];
                        for (int i = 0; i < o; i++) y[yOff + i] += bv;
                    }
                }
            }
        }
    }

    /** Adds cols [K, S] (from colOff) into y [out...] (from yOff). */
    public static void col2im(float[] cols, int colOff, float[] y, int yOff, Geometry g) {
        Walker wk = new Walker(g);
        while (wk.next()) {
            int src = colOff + wk.col, dst = yOff + wk.outBase;
            int s = wk.stride, lo = wk.lo, hi = wk.hi;
            for (int i = lo; i < hi; i++) y[dst + i * s] += cols[src + i];
        }
    }

    public static void col2im(double[] cols, int colOff, double[] y, int yOff, Geometry g) {
        Walker wk = new Walker(g);
        while (wk.next()) {
            int src = colOff + wk.col, dst = yOff + wk.outBase;
            int s = wk.stride, lo = wk.lo, hi = wk.hi;
            for (int i = lo; i < hi; i++) y[dst + i * s] += cols[src + i];
        }
    }

    /**
     * Walks (kernel index, input position over all axes but the last) pairs whose output rows are inside
     * the output; for each, the last axis runs i in [lo, hi): cols[col + i] goes to y[outBase + i * stride].
     */
    private static final class Walker {
        private final Geometry g;
        private final int r, kSize, rows;
        private final int[] kIdx, iIdx, outStride;
        private int kFlat = 0, row = -1;
        int col, outBase, stride, lo, hi;

        Walker(Geometry g) {
            this.g = g;
            r = g.in().length;
            kSize = g.kernelSize();
            int rw = 1;
            for (int d = 0; d < r - 1; d++) rw *= g.in()[d];
            rows = rw;
            kIdx = new int[r];
            iIdx = new int[r];
            outStride = new int[r];
            int acc = 1;
            for (int d = r - 1; d >= 0; d--) {
                outStride[d] = acc;
                acc *= g.out()[d];
            }
            stride = g.strides()[r - 1];
        }

        boolean next() {
            while (true) {
                if (!advance()) return false;
                int base = 0;
                boolean ok = true;
                for (int d = 0; d < r - 1; d++) {
                    int p = iIdx[d] * g.strides()[d] + kIdx[d] * g.dilations()[d] - g.padBegin()[d];
                    if (p < 0 || p >= g.out()[d]) {
                        ok = false;
                        break;
                    }
                    base += p * outStride[d];
                }
                if (!ok) continue;
                int last = r - 1;
                int off = kIdx[last] * g.dilations()[last] - g.padBegin()[last]; // position of i = 0
                int in = g.in()[last], out = g.out()[last];
                // i*s + off in [0, out)
                lo = off >= 0 ? 0 : (-off + stride - 1) / stride;
                hi = out - off <= 0 ? 0 : Math.min(in, (out - off + stride - 1) / stride);
                if (lo >= hi) continue;
                outBase = base + off;
                int rowIndex = 0;
                for (int d = 0; d < r - 1; d++) rowIndex = rowIndex * g.in()[d] + iIdx[d];
                col = (kFlat * rows + rowIndex) * in;
                return true;
            }
        }

        private boolean advance() {
            // rows inner, kernel outer
            row++;
            if (row > 0) {
                for (int d = r - 2; d >= 0; d--) {
                    if (++iIdx[d] < g.in()[d]) return true;
                    iIdx[d] = 0;
                }
            } else {
                return kSize > 0 && g.inSize() > 0;
            }
            row = 0;
            kFlat++;
            if (kFlat >= kSize) return false;
            for (int d = r - 1; d >= 0; d--) {
                if (++kIdx[d] < g.kernel()[d]) break;
                kIdx[d] = 0;
            }
            return true;
        }
    }
}
