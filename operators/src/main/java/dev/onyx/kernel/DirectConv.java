package dev.onyx.kernel;

/**
 * Direct 2-D convolution for few input channels with large kernels: the first layer of an image network
 * (3 channels, 5x5 or 7x7 kernels, stride 1 or 2; resnet's 7x7 stride 2), where im2col + GEMM spends a
 * third of its time unfolding the image with many taps per output.
 *
 * <p>Each job stages the input rows of a band of output rows once, zero-padded and split by column phase
 * (column {@code p + s * j} of the padded row at phase {@code p}, index {@code j}), so that for every tap the
 * inputs of consecutive output columns are consecutive: a plain vector load. The kernel then runs every tap
 * as one fused multiply-add per output, 4 output channels (the {@link ConvWeights} slivers) by
 * {@link Kernel#width()} columns at a time, starting from the bias, in tap order. That order does not depend
 * on bands, tiles or threads, so neither do the results.
 */
public final class DirectConv {
    private DirectConv() {}

    /** Output channels per kernel call (the weight sliver height). */
    public static final int MR = 4;
    /** Most input channels taken: past that the GEMM path's packing is cheap next to its multiplications. */
    static final int MAX_CHANNELS = 4;
    /** Most taps (input channels x kernel size) per output. */
    static final int MAX_TAPS = 3 * 11 * 11;
    /** Largest stride taken (each stride is one column phase of the staged rows). */
    static final int MAX_STRIDE = 4;
    /** Budget, in floats, of one job's staged input rows (kept in L2). */
    private static final int STAGE_BUDGET = 1 << 14;
    /** Output rows per job at most. */
    private static final int MAX_BAND = 8;

    /** Off: those convolutions run as im2col + GEMM (for A/B measurements in one JVM). */
    static volatile boolean enabled = true;

    private static final ThreadLocal<int[][]> TAPS = ThreadLocal.withInitial(() -> new int[][] {new int[0]});
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[][] {new float[0], new float[0]});

    /** The micro-kernel: {@link #MR} output channels by {@link #width()} output columns over all taps. */
    public interface Kernel {
        /** Output columns per call. */
        int width();

        /**
         * y[yOff + r * ldy + j] = fma chain over t in [0, count) of w[wOff + MR * t + r] * s[sOff + taps[t] + j],
         * started at bias[r], for r in [0, MR), j in [0, width()): each step one fused multiply-add.
         */
        void block(float[] w, int wOff, int[] taps, int count, float[] s, int sOff,
                   float b0, float b1, float b2, float b3, float[] y, int yOff, int ldy);
    }

    /** The kernel written out in scalar code: the reference for the vector one (same bits). */
    public static final Kernel SCALAR = new Kernel() {
        @Override
        public int width() { return 8; }

        @Override
        public void block(float[] w, int wOff, int[] taps, int count, float[] s, int sOff,
                          float b0, float b1, float b2, float b3, float[] y, int yOff, int ldy) {
            float[] bias = {b0, b1, b2, b3};
            for (int r = 0; r < MR; r++) {
                for (int j = 0; j < width(); j++) {
                    float acc = bias[r];
                    for (int t = 0; t < count; t++) acc = Math.fma(w[wOff + MR * t + r], s[sOff + taps[t] + j], acc);
                    y[yOff + r * ldy + j] = acc;
                }
            }
        }
    };

    /**
     * Fewest taps (input channels x kernel size) for which {@link ConvFloat} runs the direct path. Measured on AVX2,
     * 1 thread: 3x3 over 3 channels (27 taps) runs as fast either way (each output is a chain of 27 dependent
     * fused multiply-adds in both, and the chains' latency bounds both kernels), 7x7 over 3 channels (147 taps)
     * 22% faster direct (no im2col of the 49 taps, 74 GFLOP/s).
     */
    static final int MIN_TAPS = 64;

    /** Whether {@link ConvFloat} should take the direct path: {@link #supports} and at least {@link #MIN_TAPS} taps. */
    public static boolean applies(ConvGeometry g, int channels, int group) {
        return enabled && (long) channels * g.kernelSize() >= MIN_TAPS && supports(g, channels, group);
    }

    /** Whether {@link #conv} can run this convolution (2-D, one group, few input channels, no dilation). */
    public static boolean supports(ConvGeometry g, int channels, int group) {
        if (g.rank() != 2 || group != 1 || channels < 1 || channels > MAX_CHANNELS) return false;
        if ((long) channels * g.kernelSize() > MAX_TAPS) return false;
        for (int a = 0; a < 2; a++) {
            if (g.dilations()[a] != 1 || g.strides()[a] > MAX_STRIDE || g.strides()[a] < 1) return false;
        }
        return stagedFloatsPerRow(g, 64) * channels <= STAGE_BUDGET;
    }

    /** Floats of one staged input row: stride phases of the padded columns, each long enough for whole blocks. */
    private static int stagedFloatsPerRow(ConvGeometry g, int width) {
        return g.strides()[1] * phaseLength(g, width);
    }

    private static int phaseLength(ConvGeometry g, int width) {
        int ow = g.out()[1];
        return (ow + width - 1) / width * width + (g.kernel()[1] - 1) / g.strides()[1];
    }

    /**
     * y[n, m, oy, ox] = b[m] + sum over c, ky, kx of w[m, c, ky, kx] * x[n, c, oy * sy + ky - pt, ox * sx + kx - pl]
     * (zero outside the input), then the epilogue on each output row segment.
     *
     * @param w weights packed in slivers of {@link #MR} ({@link ConvWeights#pack} with mr = MR)
     */
    public static void conv(Kernel kernel, float[] x, ConvWeights w, float[] b, float[] y, int yOff, int batch,
                            int channels, int outChannels, ConvGeometry g, ConvFloat.Epilogue epilogue) {
        if (w.mr() != MR || w.group() != 1 || w.depth() != channels * g.kernelSize()) {
            throw new IllegalArgumentException("weights packed as " + w.mr() + "-row slivers of depth " + w.depth());
        }
        int width = kernel.width();
        int ih = g.in()[0], iw = g.in()[1], kh = g.kernel()[0], kw = g.kernel()[1];
        int sy = g.strides()[0], sx = g.strides()[1], pt = g.padBegin()[0], pl = g.padBegin()[1];
        int oh = g.out()[0], ow = g.out()[1];
        int inSize = ih * iw, outSize = oh * ow;
        int phase = phaseLength(g, width), rowLen = sx * phase;
        // output rows per job: as many as the stage budget holds, few enough to give every thread two jobs
        Parallel par = Parallel.current();
        int band = MAX_BAND;
        while (band > 1 && ((band - 1) * sy + kh) * rowLen * channels > STAGE_BUDGET) band--;
        int wantJobs = 2 * par.threads();
        while (band > 1 && batch * ((oh + band - 1) / band) < wantJobs) band--;
        int rowsStaged = (band - 1) * sy + kh, chanLen = rowsStaged * rowLen;
        int depth = channels * kh * kw;
        // tap offsets in a per-calling-thread array (the workers only read it while this call waits for them)
        int[][] tapHolder = TAPS.get();
        if (tapHolder[0].length < depth) tapHolder[0] = new int[depth];
        int[] taps = tapHolder[0];
        for (int c = 0, t = 0; c < channels; c++) {
            for (int ky = 0; ky < kh; ky++) {
                for (int kx = 0; kx < kw; kx++) taps[t++] = c * chanLen + ky * rowLen + (kx % sx) * phase + kx / sx;
            }
        }
        int bands = (oh + band - 1) / band, fBand = band;
        int slivers = (outChannels + MR - 1) / MR;
        float[] wd = w.data();
        par.forRange(batch * bands, 1, (from, to) -> {
            float[][] holder = SCRATCH.get();
            if (holder[0].length < channels * chanLen) holder[0] = new float[channels * chanLen];
            if (holder[1].length < MR * width) holder[1] = new float[MR * width];
            float[] staged = holder[0], edge = holder[1];
            for (int job = from; job < to; job++) {
                int n = job / bands, r0 = (job % bands) * fBand, r1 = Math.min(oh, r0 + fBand);
                stage(x, n * channels * inSize, channels, ih, iw, r0 * sy - pt, (r1 - r0 - 1) * sy + kh, pl, sx,
                        phase, chanLen, staged);
                // sliver by sliver, then row by row: the output is written as 4 sequential streams (sweeping all
                // channels per row would touch one page per output channel)
                for (int sv = 0; sv < slivers; sv++) {
                    int m0 = sv * MR, rows = Math.min(MR, outChannels - m0);
                    float b0 = bias(b, m0, outChannels), b1 = bias(b, m0 + 1, outChannels);
                    float b2 = bias(b, m0 + 2, outChannels), b3 = bias(b, m0 + 3, outChannels);
                    int wOff = w.offset(0, m0, 0);
                    for (int oy = r0; oy < r1; oy++) {
                        int sRow = (oy - r0) * sy * rowLen;
                        int yRow = yOff + (n * outChannels + m0) * outSize + oy * ow;
                        for (int ox = 0; ox < ow; ox += width) {
                            if (rows == MR && ox + width <= ow) {
                                kernel.block(wd, wOff, taps, depth, staged, sRow + ox, b0, b1, b2, b3, y, yRow + ox, outSize);
                            } else {
                                kernel.block(wd, wOff, taps, depth, staged, sRow + ox, b0, b1, b2, b3, edge, 0, width);
                                int cnt = Math.min(width, ow - ox);
                                for (int r = 0; r < rows; r++) System.arraycopy(edge, r * width, y, yRow + r * outSize + ox, cnt);
                            }
                        }
                        if (epilogue != null) {
                            for (int r = 0; r < rows; r++) epilogue.apply(y, yRow + r * outSize, yRow + r * outSize + ow);
                        }
                    }
                }
            }
        });
    }

    private static float bias(float[] b, int m, int outChannels) {
        return b == null || m >= outChannels ? 0f : b[m];
    }

    /**
     * Stages {@code rows} padded input rows from padded row {@code firstRow} (input row firstRow, negative inside
     * the top pad) of every channel: staged[c * chanLen + i * sx * phase + p * phase + j] = input column
     * p + sx * j - pl of that row, zero outside the input.
     */
    static void stage(float[] x, int xOff, int channels, int ih, int iw, int firstRow, int rows, int pl, int sx,
                      int phase, int chanLen, float[] staged) {
        int rowLen = sx * phase;
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < rows; i++) {
                int at = c * chanLen + i * rowLen, ir = firstRow + i;
                if (ir < 0 || ir >= ih) {
                    java.util.Arrays.fill(staged, at, at + rowLen, 0f);
                    continue;
                }
                int src = xOff + (c * ih + ir) * iw;
                for (int p = 0; p < sx; p++) {
                    int dst = at + p * phase;
                    // j in [lo, hi) maps to input columns p + sx * j - pl in [0, iw)
                    int lo = Math.min(phase, Math.max(0, ceilDiv(pl - p, sx)));
                    int hi = Math.max(lo, Math.min(phase, ceilDiv(iw + pl - p, sx)));
                    java.util.Arrays.fill(staged, dst, dst + lo, 0f);
                    if (sx == 1) {
                        System.arraycopy(x, src + lo - pl, staged, dst + lo, hi - lo);
                    } else {
                        for (int j = lo, col = src + p + sx * lo - pl; j < hi; j++, col += sx) staged[dst + j] = x[col];
                    }
                    java.util.Arrays.fill(staged, dst + hi, dst + phase, 0f);
                }
            }
        }
    }

    private static int ceilDiv(int a, int b) { return -Math.floorDiv(-a, b); }
}
