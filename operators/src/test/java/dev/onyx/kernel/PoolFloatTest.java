package dev.onyx.kernel;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The float pooling kernel (3-D loops) against the generic N-D double kernel, and naive window sums. */
class PoolFloatTest {
    private static int[] a(int... v) { return v; }

    private static ConvGeometry geometry(int[] in, int[] k, int[] s, int[] d, int[] pb, int[] pe) {
        int[] out = new int[in.length];
        for (int i = 0; i < in.length; i++) out[i] = (in[i] + pb[i] + pe[i] - ((k[i] - 1) * d[i] + 1)) / s[i] + 1;
        return new ConvGeometry(in, k, s, d, pb, pe, out);
    }

    @Test
    void floatAndDoubleKernelsAgree() {
        Random rnd = new Random(3);
        ConvGeometry[] gs = {
                geometry(a(9, 8), a(3, 2), a(2, 3), a(1, 2), a(1, 0), a(2, 1)),
                geometry(a(7), a(3), a(2), a(2), a(2), a(2)),
                geometry(a(5, 4, 6), a(2, 3, 2), a(1, 2, 2), a(2, 1, 1), a(1, 1, 0), a(0, 1, 1)),
        };
        for (ConvGeometry g : gs) {
            int planes = 3;
            float[] x = new float[planes * g.inSize()];
            for (int i = 0; i < x.length; i++) x[i] = rnd.nextFloat() * 4 - 2;
            double[] xd = new double[x.length];
            for (int i = 0; i < x.length; i++) xd[i] = x[i];
            int n = planes * g.outSize();
            for (boolean colMajor : new boolean[] {false, true}) {
                float[] y = new float[n];
                long[] yi = new long[n];
                double[] yd = new double[n];
                long[] ydi = new long[n];
                PoolFloat.max(x, y, yi, planes, g, colMajor);
                PoolDouble.max(xd, yd, ydi, planes, g, colMajor);
                assertThat(yi).isEqualTo(ydi);
                for (int i = 0; i < n; i++) assertThat((double) y[i]).isEqualTo(yd[i]);
            }
            for (boolean include : new boolean[] {false, true}) {
                float[] y = new float[n];
                double[] yd = new double[n];
                PoolFloat.average(x, y, planes, g, include);
                PoolDouble.average(xd, yd, planes, g, include);
                for (int i = 0; i < n; i++) assertThat((double) y[i]).isCloseTo(yd[i], org.assertj.core.data.Offset.offset(1e-5));
            }
            for (double p : new double[] {1, 2, 3}) {
                float[] y = new float[n];
                double[] yd = new double[n];
                PoolFloat.lp(x, y, planes, g, p);
                PoolDouble.lp(xd, yd, planes, g, p);
                for (int i = 0; i < n; i++) assertThat((double) y[i]).isCloseTo(yd[i], org.assertj.core.data.Offset.offset(1e-4));
            }
        }
    }

    @Test
    void averageDivisorsAtBorders() {
        // 1-D [1..4], kernel 3, pads (1, 1)
        ConvGeometry g = geometry(a(4), a(3), a(1), a(1), a(1), a(1));
        float[] x = {1, 2, 3, 4};
        float[] y = new float[4];
        PoolFloat.average(x, y, 1, g, false);
        assertThat(y).containsExactly(1.5f, 2, 3, 3.5f);
        PoolFloat.average(x, y, 1, g, true);
        assertThat(y).containsExactly(1, 2, 3, 7 / 3f);
    }

    @Test
    void globalPools() {
        float[] x = {1, 2, 3, 6, -3, 4, 0, 0};
        float[] y = new float[2];
        PoolGlobal.average(x, y, 2, 4);
        assertThat(y).containsExactly(3, 0.25f);
        PoolGlobal.max(x, y, 2, 4);
        assertThat(y).containsExactly(6, 4);
        PoolGlobal.lp(x, y, 2, 4, 1);
        assertThat(y).containsExactly(12, 7);
    }

    @Test
    void maxWithoutIndicesMatchesIndexedPathWithNaNsPaddingAndThreads() {
        Random rnd = new Random(11);
        ConvGeometry[] gs = {
                geometry(a(13, 17), a(3, 3), a(2, 2), a(1, 1), a(1, 1), a(1, 1)),
                geometry(a(33), a(3), a(1), a(2), a(2), a(2)),
                geometry(a(1, 3), a(3, 3), a(1, 1), a(1, 1), a(3, 3), a(3, 3)), // windows fully in padding
                geometry(a(4, 5, 3), a(2, 3, 2), a(1, 2, 1), a(1, 1, 2), a(1, 0, 1), a(0, 1, 1)),
                geometry(a(23, 37), a(3, 3), a(2, 2), a(1, 1), a(1, 1), a(1, 1)),  // resnet-like stride 2, pads
                geometry(a(31, 47), a(3, 3), a(2, 2), a(1, 1), a(0, 0), a(0, 0)),  // squeezenet-like
                new ConvGeometry(a(12, 41), a(3, 3), a(2, 2), a(1, 1), a(0, 0), a(1, 0), a(6, 20)), // ceil_mode
                new ConvGeometry(a(12, 40), a(3, 3), a(2, 2), a(1, 1), a(0, 0), a(1, 1), a(6, 20)), // ceil_mode
                geometry(a(20, 40), a(3, 3), a(1, 1), a(1, 1), a(1, 1), a(1, 1)),  // stride 1
                geometry(a(9, 45), a(2, 2), a(2, 2), a(1, 1), a(0, 0), a(0, 0)),
                geometry(a(50), a(3), a(2), a(2), a(1), a(0)),                      // 1-D dilated stride 2
                geometry(a(61), a(4), a(3), a(1), a(2), a(1)),                      // stride 3
                geometry(a(7, 19), a(5, 5), a(1, 1), a(2, 3), a(2, 4), a(3, 4)),    // dilated stride 1
                geometry(a(4, 9, 30), a(2, 3, 3), a(1, 2, 2), a(1, 1, 1), a(0, 1, 1), a(1, 1, 1)), // 3-D
                geometry(a(3, 17), a(1, 1), a(1, 2), a(1, 1), a(0, 0), a(0, 0)),    // single tap
        };
        try (Parallel two = Parallel.create(2)) {
            for (ConvGeometry g : gs) {
                for (int kind = 0; kind < 3; kind++) {
                    int planes = 17;
                    float[] x = new float[planes * g.inSize()];
                    for (int i = 0; i < x.length; i++) {
                        int r = rnd.nextInt(kind == 0 ? 20 : kind == 1 ? 500 : 1_000_000);
                        x[i] = r == 0 ? Float.NaN : r == 1 ? Float.NEGATIVE_INFINITY : r == 2 ? 0f : r == 3 ? -0f
                                : kind == 2 ? -rnd.nextFloat() : rnd.nextFloat() * 4 - 2;
                    }
                    int n = planes * g.outSize();
                    float[] want = new float[n];
                    PoolFloat.max(x, want, new long[n], planes, g, false);
                    for (Parallel p : new Parallel[] {Parallel.serial(), two}) {
                        float[] y = new float[n];
                        p.with(() -> {
                            PoolFloat.max(x, y, null, planes, g, false);
                            return null;
                        });
                        for (int i = 0; i < n; i++) {
                            if (Float.floatToRawIntBits(y[i]) != Float.floatToRawIntBits(want[i])
                                    && !(y[i] != y[i] && want[i] != want[i])) {
                                assertThat((Float) y[i]).as("%s kind %d threads %d output %d", g, kind, p.threads(), i)
                                        .isEqualTo((Float) want[i]);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void maxRowKernelsMatchScalarAndReference() {
        Random rnd = new Random(12);
        PoolFloat.MaxKernel k = KernelProvider.maxPool();
        for (int n : new int[] {1, 7, 8, 9, 13, 15, 16, 17, 31, 64, 65}) {
            float[] a = new float[3 * n + 20];
            for (int i = 0; i < a.length; i++) a[i] = special(rnd, 8);
            float[] mv = new float[n + 2], ms = new float[n + 2];
            k.combine(a, 1, a, 5, mv, 1, n);
            PoolFloat.SCALAR_MAX.combine(a, 1, a, 5, ms, 1, n);
            for (int j = 0; j < n; j++) {
                float m = Math.max(a[1 + j], a[5 + j]);
                if (m != m) assertThat(ms[1 + j]).isNaN();
                else assertThat(bits(ms[1 + j])).isEqualTo(bits(m));
            }
            assertSameUnlessZeroOrNaN(mv, ms);
            k.combine3(a, 0, 3, n, mv, 1, n);
            PoolFloat.SCALAR_MAX.combine3(a, 0, 3, n, ms, 1, n);
            for (int j = 0; j < n; j++) {
                float m = Math.max(Math.max(a[j], a[3 + j]), a[n + j]);
                if (m != m) assertThat(ms[1 + j]).isNaN();
                else assertThat(bits(ms[1 + j])).isEqualTo(bits(m));
                if (k != PoolFloat.SCALAR_MAX) {
                    assertThat(bits(mv[1 + j])).isEqualTo(bits(PoolFloat.omax(PoolFloat.omax(a[j], a[3 + j]), a[n + j])));
                }
            }
            assertSameUnlessZeroOrNaN(mv, ms);
            assertThat(k.hasNaNOrNegativeZero(a, 1, n)).isEqualTo(PoolFloat.hasNaNOrNegativeZero(a, 1, n));
            for (int[] kds : new int[][] {{3, 1, 1}, {3, 1, 2}, {2, 2, 2}, {3, 2, 2}, {4, 1, 3}, {1, 1, 2}, {5, 3, 1}}) {
                int kk = kds[0], dil = kds[1], st = kds[2];
                if (2 + (n - 1) * st + (kk - 1) * dil >= a.length) continue;
                float[] yv = new float[n + 2];
                float[] ys = new float[n + 2];
                boolean zv = k.window(a, 2, kk, dil, st, yv, 1, n);
                boolean zs = PoolFloat.SCALAR_MAX.window(a, 2, kk, dil, st, ys, 1, n);
                boolean z = false;
                for (int i = 0; i < n; i++) {
                    float best = a[2 + i * st], ordered = best;
                    for (int t = 1; t < kk; t++) {
                        best = Math.max(best, a[2 + i * st + t * dil]);
                        ordered = PoolFloat.omax(ordered, a[2 + i * st + t * dil]);
                    }
                    z |= best == 0 || best != best;
                    // Math.max gives some NaN (payload unspecified: interpreter and JIT differ)
                    if (best != best) assertThat(ys[1 + i]).isNaN();
                    else assertThat(bits(ys[1 + i])).as("n %d k %d d %d s %d at %d", n, kk, dil, st, i).isEqualTo(bits(best));
                    if (k != PoolFloat.SCALAR_MAX) assertThat(bits(yv[1 + i])).isEqualTo(bits(ordered));
                }
                assertSameUnlessZeroOrNaN(yv, ys);
                if (k == PoolFloat.SCALAR_MAX) assertThat(zv).isEqualTo(z);
                else assertThat(zv).isEqualTo(anyZeroOrNaN(yv, 1, n));
                assertThat(zs).isEqualTo(z);
            }
        }
    }

    /** omax over a sequence is the reference ordered max, whatever the bracketing. */
    @Test
    void orderedMaxIsTheReferenceAndAssociative() {
        float[] v = {Float.NaN, Float.intBitsToFloat(0x7fc00001), Float.intBitsToFloat(0xffc00002), -0f, 0f, 1f, -1f,
                Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY};
        for (float a : v) for (float b : v) for (float c : v) {
            assertThat(bits(PoolFloat.omax(PoolFloat.omax(a, b), c))).isEqualTo(bits(PoolFloat.omax(a, PoolFloat.omax(b, c))));
            assertThat(bits(PoolFloat.omax(PoolFloat.omax(a, b), b))).isEqualTo(bits(PoolFloat.omax(a, b)));
        }
    }

    /**
     * Max pooling without indices gives the bits of the indexed (reference) loop, NaN payloads and signed
     * zeros included, on many small geometries: widths 1..33, strides 1..3, dilations, pads, ceil mode,
     * plane counts that are not multiples of 8, with the kernel in use (vector or scalar) and threads.
     */
    @Test
    void maxWithoutIndicesIsBitExactOnOddShapes() {
        Random rnd = new Random(21);
        try (Parallel two = Parallel.create(2)) {
            for (int iw = 1; iw <= 33; iw++) {
                for (int trial = 0; trial < 6; trial++) {
                    int ih = 1 + rnd.nextInt(9);
                    int kh = 1 + rnd.nextInt(Math.min(3, ih)), kw = 1 + rnd.nextInt(Math.min(4, iw));
                    int sh = 1 + rnd.nextInt(3), sw = 1 + rnd.nextInt(3);
                    int dh = 1 + (kh > 1 && rnd.nextInt(3) == 0 ? 1 : 0), dw = 1 + (kw > 1 && rnd.nextInt(3) == 0 ? 1 : 0);
                    if ((kh - 1) * dh + 1 > ih) dh = 1;
                    if ((kw - 1) * dw + 1 > iw) dw = 1;
                    int ph = rnd.nextInt(kh), pw = rnd.nextInt(kw), eh = rnd.nextInt(kh), ew = rnd.nextInt(kw);
                    boolean ceil = rnd.nextBoolean();
                    int oh = outDim(ih, kh, sh, dh, ph, eh, ceil), ow = outDim(iw, kw, sw, dw, pw, ew, ceil);
                    if (oh < 1 || ow < 1) continue;
                    ConvGeometry g = new ConvGeometry(a(ih, iw), a(kh, kw), a(sh, sw), a(dh, dw), a(ph, pw), a(eh, ew), a(oh, ow));
                    int planes = 1 + rnd.nextInt(11);
                    int density = trial % 3 == 0 ? 3 : trial % 3 == 1 ? 12 : 400;
                    float[] x = new float[planes * g.inSize()];
                    for (int i = 0; i < x.length; i++) x[i] = special(rnd, density);
                    int n = planes * g.outSize();
                    float[] want = new float[n];
                    PoolFloat.max(x, want, new long[n], planes, g, false);
                    for (Parallel p : new Parallel[] {Parallel.serial(), two}) {
                        float[] y = new float[n];
                        p.with(() -> {
                            PoolFloat.max(x, y, null, planes, g, false);
                            return null;
                        });
                        assertThat(bits(y)).as("%s planes %d threads %d", g, planes, p.threads()).isEqualTo(bits(want));
                    }
                }
            }
        }
    }

    /**
     * The blocked max-pool path (planes one per vector lane) gives the bits of the reference loop on the CNN
     * shapes (squeezenet 3x3 stride 2 ceil mode, resnet 3x3 stride 2 pad 1, stride 1) and on small odd ones:
     * NaN payloads, signed zeros, pads, ceil mode, plane counts that are not a multiple of the block (the
     * rest go by rows), dilations; through PoolFloat.max (which picks the path) and, whatever the dispatch
     * picks, through the kernel's maxBlock directly.
     */
    @Test
    void blockedMaxIsBitExactOnCnnShapes() {
        Random rnd = new Random(31);
        PoolFloat.MaxKernel k = KernelProvider.maxPool();
        int lanes = k.blockPlanes(new ConvGeometry(a(1, 4, 4), a(1, 1, 1), a(1, 1, 1), a(1, 1, 1), a(0, 0, 0), a(0, 0, 0), a(1, 4, 4)));
        ConvGeometry[] gs = {
                new ConvGeometry(a(111, 111), a(3, 3), a(2, 2), a(1, 1), a(0, 0), a(0, 0), a(55, 55)), // squeezenet
                new ConvGeometry(a(55, 55), a(3, 3), a(2, 2), a(1, 1), a(0, 0), a(0, 0), a(27, 27)),
                new ConvGeometry(a(27, 27), a(3, 3), a(2, 2), a(1, 1), a(0, 0), a(0, 0), a(13, 13)),
                new ConvGeometry(a(112, 112), a(3, 3), a(2, 2), a(1, 1), a(1, 1), a(1, 1), a(56, 56)), // resnet18
                new ConvGeometry(a(26, 26), a(3, 3), a(2, 2), a(1, 1), a(0, 0), a(1, 1), a(13, 13)), // ceil mode
                new ConvGeometry(a(14, 14), a(3, 3), a(1, 1), a(1, 1), a(1, 1), a(1, 1), a(14, 14)),
                new ConvGeometry(a(30, 20), a(3, 3), a(1, 1), a(1, 1), a(1, 1), a(1, 1), a(30, 20)),
                new ConvGeometry(a(13, 17), a(2, 2), a(2, 2), a(1, 1), a(0, 0), a(1, 1), a(7, 9)),
                new ConvGeometry(a(9, 11), a(3, 2), a(1, 3), a(2, 1), a(2, 1), a(2, 1), a(9, 4)),
                new ConvGeometry(a(7, 7), a(5, 4), a(1, 1), a(1, 2), a(2, 3), a(2, 3), a(7, 7)),
                new ConvGeometry(a(1, 3), a(3, 3), a(1, 1), a(1, 1), a(3, 3), a(3, 3), a(7, 7)), // windows in padding
                new ConvGeometry(a(6, 6), a(1, 1), a(1, 1), a(1, 1), a(0, 0), a(0, 0), a(6, 6)),
        };
        for (ConvGeometry g : gs) {
            for (int planes : new int[] {8, 19}) {
                for (int density : new int[] {3, 40, 100_000}) {
                    float[] x = new float[planes * g.inSize()];
                    for (int i = 0; i < x.length; i++) x[i] = special(rnd, density);
                    int n = planes * g.outSize();
                    float[] want = new float[n];
                    PoolFloat.max(x, want, new long[n], planes, g, false);
                    float[] y = new float[n];
                    PoolFloat.max(x, y, null, planes, g, false);
                    assertThat(bits(y)).as("%s planes %d density %d", g, planes, density).isEqualTo(bits(want));
                    if (lanes == 0) continue;
                    ConvGeometry g3 = g.as3d();
                    int[][] h = PoolFloat.ranges(g3.out()[1], g3.strides()[1], g3.padBegin()[1], g3.padEnd()[1],
                            g3.dilations()[1], g3.kernel()[1], g3.in()[1]);
                    int[][] w = PoolFloat.ranges(g3.out()[2], g3.strides()[2], g3.padBegin()[2], g3.padEnd()[2],
                            g3.dilations()[2], g3.kernel()[2], g3.in()[2]);
                    float[] yb = new float[n];
                    java.util.Arrays.fill(yb, 42f);
                    for (int c = 0; c + lanes <= planes; c += lanes) k.maxBlock(x, c * g.inSize(), yb, c * g.outSize(), g3, h, w);
                    int done = planes / lanes * lanes * g.outSize();
                    assertThat(bits(java.util.Arrays.copyOf(yb, done))).as("maxBlock %s planes %d density %d", g, planes, density)
                            .isEqualTo(bits(java.util.Arrays.copyOf(want, done)));
                    for (int i = done; i < n; i++) assertThat(yb[i]).isEqualTo(42f);
                }
            }
        }
    }

    @Test
    void globalAverageIsTheOrderedDoubleSum() {
        Random rnd = new Random(5);
        for (int planes = 1; planes <= 19; planes++) {
            for (int size : new int[] {1, 2, 7, 49, 169}) {
                float[] x = new float[planes * size];
                for (int i = 0; i < x.length; i++) x[i] = rnd.nextInt(50) == 0 ? special(rnd, 2) : (float) rnd.nextGaussian() * 1e3f;
                float[] y = new float[planes];
                PoolGlobal.average(x, y, planes, size);
                for (int c = 0; c < planes; c++) {
                    double s = 0;
                    for (int i = 0; i < size; i++) s += x[c * size + i];
                    assertThat(bits(y[c])).as("planes %d size %d plane %d", planes, size, c).isEqualTo(bits((float) (s / size)));
                }
            }
        }
    }

    private static int outDim(int in, int k, int s, int d, int pb, int pe, boolean ceil) {
        int span = in + pb + pe - ((k - 1) * d + 1);
        if (span < 0) return 0;
        int o = (ceil ? ConvGeometry.ceilDiv(span, s) : span / s) + 1;
        // ceil mode: the last window must start inside the input or the begin padding
        if (ceil && (o - 1) * s >= in + pb) o--;
        return o;
    }

    /** A value, special (NaN with payloads, +-0, +-Inf) about once in {@code density} draws. */
    private static float special(Random rnd, int density) {
        if (rnd.nextInt(density) == 0) {
            return switch (rnd.nextInt(7)) {
                case 0 -> Float.NaN;
                case 1 -> Float.intBitsToFloat(0x7fc00000 | rnd.nextInt(1 << 20));
                case 2 -> Float.intBitsToFloat(0xffc00000 | rnd.nextInt(1 << 20));
                case 3 -> -0f;
                case 4 -> Float.NEGATIVE_INFINITY;
                case 5 -> Float.POSITIVE_INFINITY;
                default -> 0f;
            };
        }
        return rnd.nextInt(4) == 0 ? -rnd.nextInt(3) * 0.5f : rnd.nextFloat() * 4 - 2;
    }

    /** Vector and scalar row results agree wherever the scalar one is neither a zero nor NaN. */
    private static void assertSameUnlessZeroOrNaN(float[] v, float[] s) {
        for (int i = 0; i < s.length; i++) {
            if (!PoolFloat.zeroOrNaN(s[i])) assertThat(bits(v[i])).as("at %d", i).isEqualTo(bits(s[i]));
            else assertThat(PoolFloat.zeroOrNaN(v[i]) || s[i] != s[i]).as("at %d", i).isTrue();
        }
    }

    private static boolean anyZeroOrNaN(float[] v, int off, int n) {
        for (int i = off; i < off + n; i++) if (PoolFloat.zeroOrNaN(v[i])) return true;
        return false;
    }

    private static int bits(float v) { return Float.floatToRawIntBits(v); }

    private static int[] bits(float[] v) {
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) b[i] = Float.floatToRawIntBits(v[i]);
        return b;
    }
}
