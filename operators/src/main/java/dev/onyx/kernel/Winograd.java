package dev.onyx.kernel;

/**
 * 3x3 stride-1 convolution by Winograd's minimal filtering F(2x2, 3x3) (Lavin and Gray, 2015): every 2x2
 * block of outputs comes from a 4x4 input tile, and the 9 x 4 multiplications per channel pair of the direct
 * method become 16, done as 16 GEMMs (one per position xi of the 4x4 transformed tile) of the transformed
 * weights U[xi] (outChannels x inChannels) times the transformed input tiles V[xi] (inChannels x tiles):
 * 2.25x fewer multiply-adds. Transforms use only 0, +-1 and +-1/2, so results stay within a few ulps of
 * the direct sum (not the same bits: the sums are regrouped).
 *
 * <p>Tiles run by blocks of whole tile rows, each block staging its input rows (zero-padded and split
 * into even and odd columns, so that tiles two columns apart are one contiguous vector), transforming
 * them into GEMM panels, running the 16 GEMMs with the convolution micro-kernel and transforming the
 * products into output rows, all in per-thread scratch sized for L2. Block sizes depend on the shape
 * only, never on the thread count, so results do not depend on threads.
 */
public final class Winograd {
    /** Floats of transformed input plus products a block aims for (stays in L2). */
    private static final int BLOCK_BUDGET = 1 << 16;
    /**
     * Floats between the 16 panels (and products) of a block: panel sizes are often multiples of 4 KB, and the
     * transforms touch all 16 at once, which would then fall in one L1 set.
     */
    private static final int XI_PAD = 32;
    /** Fewest tiles per block: fewer would leave the GEMM mostly edge columns. */
    private static final int MIN_BLOCK_TILES = 32;
    /** Positions of the transformed tile: one GEMM each. */
    public static final int XI = 16;

    /** Off switch for side-by-side measurements in one JVM (see docs/DEVELOPING.md); on by default. */
    static volatile boolean enabled = true;

    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[3][0]);

    private Winograd() {}

    /** The F(2x2, 3x3) tile transforms of one kernel family (the vector path has one). */
    public interface Transforms {
        /** Tiles per transform call: consecutive tiles of one row, one vector lane each. */
        int lanes();

        /**
         * Stages one input row: staged[at + k] = padded column 2k and staged[at + half + k] = padded column 2k + 1
         * for k in [0, half), where padded column j is x[src + j - pl] inside [0, w) and 0 outside; may write up to
         * {@link #lanes} floats past at + 2 * half (the caller orders rows so that later ones overwrite that).
         */
        void stageRow(float[] x, int src, int w, int pl, float[] staged, int at, int half);

        /**
         * Transforms {@link #lanes} tiles of one channel, lane l reading the 4 rows of its tile at s[at + l + i * rowLen]
         * (column 0 of the tile), + e1 (column 2), + o0 (column 1) and + o1 (column 3), for row i in 0..3. Position xi
         * of tile l goes to v[vOff + xi * xiStride + l].
         */
        void input(float[] s, int at, int rowLen, int e1, int o0, int o1, float[] v, int vOff, int xiStride);

        /**
         * Transforms {@link #lanes} tiles of products (position xi of tile l at m[mOff + xi * xiStride + l]) into
         * 2x2 output blocks plus the bias: output row 0 of the tiles goes to y[yOff ...], row 1 to y[yOff + ldy ...],
         * both 2 * lanes wide, of which only the first {@code cols} columns and {@code rows} rows are written.
         */
        void output(float[] m, int mOff, int xiStride, float bias, float[] y, int yOff, int ldy, int cols, int rows);
    }

    /**
     * Whether {@link #conv} takes this convolution: 2-D, 3x3, stride 1, no dilation, one group, and enough channels
     * for the GEMMs to pay for the transforms.
     */
    public static boolean applies(ConvGeometry g, int channels, int outChannels, int group, int lanes) {
        if (!enabled || g.rank() != 2 || group != 1 || lanes <= 0) return false;
        int[] k = g.kernel(), s = g.strides(), d = g.dilations();
        if (k[0] != 3 || k[1] != 3 || s[0] != 1 || s[1] != 1 || d[0] != 1 || d[1] != 1) return false;
        return channels >= 8 && outChannels >= 16;
    }

    /**
     * Weights transformed for {@link #conv}: U[xi] = G g G^T for every output and input channel pair, packed for
     * the GEMM kernel as 16 groups (one per xi) of outChannels x channels.
     *
     * @param w outChannels x channels x 3 x 3
     */
    public static ConvWeights transformWeights(float[] w, int outChannels, int channels, int mr) {
        float[] u = new float[Math.multiplyExact(XI * outChannels, channels)];
        double[] t = new double[12];
        for (int m = 0; m < outChannels; m++) {
            for (int c = 0; c < channels; c++) {
                int at = (m * channels + c) * 9;
                // t = G g (4 x 3), G = [1 0 0; 1/2 1/2 1/2; 1/2 -1/2 1/2; 0 0 1]
                for (int j = 0; j < 3; j++) {
                    double g0 = w[at + j], g1 = w[at + 3 + j], g2 = w[at + 6 + j];
                    t[j] = g0;
                    t[3 + j] = (g0 + g1 + g2) / 2;
                    t[6 + j] = (g0 - g1 + g2) / 2;
                    t[9 + j] = g2;
                }
                for (int i = 0; i < 4; i++) {
                    double t0 = t[3 * i], t1 = t[3 * i + 1], t2 = t[3 * i + 2];
                    double[] row = {t0, (t0 + t1 + t2) / 2, (t0 - t1 + t2) / 2, t2};
                    for (int j = 0; j < 4; j++) u[((4 * i + j) * outChannels + m) * channels + c] = (float) row[j];
                }
            }
        }
        return ConvWeights.pack(u, XI * outChannels, XI, channels, mr);
    }

    /**
     * y = conv(x, w) + b for a convolution {@link #applies} accepts, with u from {@link #transformWeights}; the
     * epilogue runs on finished output rows. Wide planes go by blocks of tile rows ({@link #rowBlocks}); planes
     * whose tile rows fill the vector lanes poorly, or too few blocks to share among the threads, go whole
     * ({@link #wholePlane}). Both compute every output the same way, so the choice does not change any bit.
     */
    public static void conv(KernelProvider.ConvGemmKernel gemm, Transforms tr, float[] x, ConvWeights u, float[] b,
                            float[] y, int yOff, int batch, int channels, int outChannels, ConvGeometry g, ConvFloat.Epilogue epilogue) {
        int lanes = tr.lanes();
        int nty = (g.out()[0] + 1) / 2, ntx = (g.out()[1] + 1) / 2, ntxp = roundUp(ntx, lanes);
        int rowsPerBlock = rowsPerBlock(channels, outChannels, nty, ntxp);
        int threads = Parallel.current().threads();
        int blocks = batch * ((nty + rowsPerBlock - 1) / rowsPerBlock);
        // dummy tiles padding each row to whole vectors cost as much as real ones
        boolean wasteful = 3 * (ntxp - ntx) > ntxp;
        if (wasteful || blocks < 2 * threads) {
            wholePlane(gemm, tr, x, u, b, y, yOff, batch, channels, outChannels, g, epilogue);
        } else {
            rowBlocks(gemm, tr, x, u, b, y, yOff, batch, channels, outChannels, g, epilogue, rowsPerBlock);
        }
    }

    /** Tile rows per block: transformed input and products within the budget, at least {@link #MIN_BLOCK_TILES}. */
    private static int rowsPerBlock(int channels, int outChannels, int nty, int ntxp) {
        int perRow = XI * (channels + outChannels) * ntxp;
        int rows = Math.max(1, BLOCK_BUDGET / perRow);
        return Math.min(nty, Math.max(rows, (MIN_BLOCK_TILES + ntxp - 1) / ntxp));
    }

    /**
     * Blocks of tile rows in parallel, each staging, transforming, multiplying and transforming back in its thread's
     * scratch; rows are padded with dummy tiles to whole vectors.
     */
    private static void rowBlocks(KernelProvider.ConvGemmKernel gemm, Transforms tr, float[] x, ConvWeights u, float[] b,
                                  float[] y, int yOff, int batch, int channels, int outChannels, ConvGeometry g,
                                  ConvFloat.Epilogue epilogue, int rowsPerBlock) {
        int lanes = tr.lanes();
        int h = g.in()[0], w = g.in()[1], oh = g.out()[0], ow = g.out()[1];
        int pt = g.padBegin()[0], pl = g.padBegin()[1];
        int nty = (oh + 1) / 2, ntxp = roundUp((ow + 1) / 2, lanes);
        int blocks = (nty + rowsPerBlock - 1) / rowsPerBlock;
        int half = ntxp + 1, rowLen = 2 * half;
        int inSize = h * w, outSize = oh * ow;
        int fRows = rowsPerBlock;
        int nr = gemm.bandUnit(); // columns per packed panel sliver (a multiple of the lanes)
        Parallel.current().forRange(batch * blocks, 1, (from, to) -> {
            int maxTiles = fRows * ntxp, width = roundUp(maxTiles, nr);
            float[][] s = SCRATCH.get();
            int stagedFloats = channels * (2 * fRows + 2) * rowLen + lanes;
            if (s[0].length < stagedFloats) s[0] = new float[stagedFloats];
            if (s[1].length < XI * (channels * width + XI_PAD)) s[1] = new float[XI * (channels * width + XI_PAD)];
            if (s[2].length < XI * (outChannels * width + XI_PAD)) s[2] = new float[XI * (outChannels * width + XI_PAD)];
            float[] staged = s[0], v = s[1], prod = s[2];
            for (int job = from; job < to; job++) {
                int n = job / blocks, ty0 = (job % blocks) * fRows;
                int rows = Math.min(fRows, nty - ty0), tiles = rows * ntxp;
                int stagedRows = 2 * rows + 2;
                int xn = n * channels * inSize;
                stage(tr, x, xn, h, w, 2 * ty0 - pt, pl, channels, stagedRows, half, staged);
                int vStride = channels * width + XI_PAD;
                for (int c = 0; c < channels; c++) {
                    int cBase = c * stagedRows * rowLen;
                    for (int r = 0; r < rows; r++) {
                        for (int tx = 0; tx < ntxp; tx += lanes) {
                            int t = r * ntxp + tx;
                            int col = (t / nr) * channels * nr + c * nr + t % nr;
                            tr.input(staged, cBase + 2 * r * rowLen + tx, rowLen, 1, half, half + 1, v, col, vStride);
                        }
                    }
                }
                int mStride = outChannels * width + XI_PAD;
                for (int xi = 0; xi < XI; xi++) {
                    gemm.tilePacked(u, xi, 0, outChannels, null, 0, v, xi * vStride, channels, tiles,
                            prod, xi * mStride, width);
                }
                int yn = yOff + n * outChannels * outSize;
                int oy0 = 2 * ty0, oy1 = Math.min(oh, 2 * (ty0 + rows));
                for (int m = 0; m < outChannels; m++) {
                    float bias = b == null ? 0f : b[m];
                    int ym = yn + m * outSize;
                    for (int r = 0; r < rows; r++) {
                        int oy = oy0 + 2 * r;
                        int outRows = Math.min(2, oh - oy);
                        for (int tx = 0; tx < ntxp; tx += lanes) {
                            int cols = Math.min(2 * lanes, ow - 2 * tx);
                            if (cols <= 0) break;
                            tr.output(prod, m * width + r * ntxp + tx, mStride, bias, y, ym + oy * ow + 2 * tx, ow, cols, outRows);
                        }
                    }
                    if (epilogue != null) epilogue.apply(y, ym + oy0 * ow, ym + oy1 * ow);
                }
            }
        });
    }

    /** Per thread: the 2 x 2 blocks of one vector of tiles in {@link #wholePlane}'s output phase. */
    private static final ThreadLocal<float[][]> BLOCK = ThreadLocal.withInitial(() -> new float[1][0]);
    /** Window columns in gathered order: 0, 2 (even), then 1, 3 (odd). */
    private static final int[] GATHER_ORDER = {0, 2, 1, 3};

    /** Per calling thread: the tiles, transformed input and products shared by the phases of {@link #wholePlane}. */
    private static final ThreadLocal<float[][]> SHARED = ThreadLocal.withInitial(() -> new float[3][0]);

    /**
     * One image at a time, every tile of the plane in one GEMM column range, in three parallel phases on buffers
     * shared by the threads: (1) per input channel, gather each tile's 4 x 4 window (as columns 0, 2, 1, 3 so that
     * lanes are consecutive tiles whatever the rows) and transform it; (2) per position xi and band of output
     * channels, the GEMM; (3) per output channel, the output transform, scattered to the 2 x 2 blocks.
     */
    private static void wholePlane(KernelProvider.ConvGemmKernel gemm, Transforms tr, float[] x, ConvWeights u, float[] b,
                                   float[] y, int yOff, int batch, int channels, int outChannels, ConvGeometry g,
                                   ConvFloat.Epilogue epilogue) {
        int lanes = tr.lanes(), nr = gemm.bandUnit();
        int h = g.in()[0], w = g.in()[1], oh = g.out()[0], ow = g.out()[1];
        int pt = g.padBegin()[0], pl = g.padBegin()[1];
        int nty = (oh + 1) / 2, ntx = (ow + 1) / 2, tiles = nty * ntx;
        int tp = roundUp(tiles, lanes), width = roundUp(tiles, nr);
        int seg = tp, rowLen = 4 * seg, chanFloats = 4 * rowLen;
        int vStride = channels * width + XI_PAD, mStride = outChannels * width + XI_PAD;
        float[][] s = SHARED.get();
        if (s[0].length < channels * chanFloats) s[0] = new float[Math.multiplyExact(channels, chanFloats)];
        if (s[1].length < XI * vStride) s[1] = new float[Math.multiplyExact(XI, vStride)];
        if (s[2].length < XI * mStride) s[2] = new float[Math.multiplyExact(XI, mStride)];
        float[] gathered = s[0], v = s[1], prod = s[2];
        int inSize = h * w, outSize = oh * ow;
        Parallel par = Parallel.current();
        // bands of output channels: enough GEMM jobs for the threads, never below the kernel's band unit
        int bandRows = outChannels;
        if (par.threads() > 1 && XI < 4 * par.threads()) bandRows = roundUp((outChannels + 1) / 2, nr);
        int bands = (outChannels + bandRows - 1) / bandRows, fBandRows = bandRows;
        for (int n = 0; n < batch; n++) {
            int xn = n * channels * inSize, yn = yOff + n * outChannels * outSize;
            par.forRange(channels, Math.max(1, 4096 / Math.max(1, tiles * 16)), (from, to) -> {
                for (int c = from; c < to; c++) {
                    int at = c * chanFloats;
                    gather(x, xn + c * inSize, h, w, pt, pl, ntx, tiles, seg, gathered, at);
                    for (int t = 0; t < tiles; t += lanes) {
                        int col = (t / nr) * channels * nr + c * nr + t % nr;
                        tr.input(gathered, at + t, rowLen, seg, 2 * seg, 3 * seg, v, col, vStride);
                    }
                }
            });
            par.forRange(XI * bands, 1, (from, to) -> {
                for (int job = from; job < to; job++) {
                    int xi = job / bands, m0 = (job % bands) * fBandRows;
                    gemm.tilePacked(u, xi, m0, Math.min(fBandRows, outChannels - m0), null, 0, v, xi * vStride, channels,
                            tiles, prod, xi * mStride + m0 * width, width);
                }
            });
            par.forRange(outChannels, Math.max(1, 4096 / Math.max(1, tiles * 16)), (from, to) -> {
                float[][] holder = BLOCK.get();
                if (holder[0].length < 4 * lanes) holder[0] = new float[4 * lanes];
                float[] block = holder[0];
                for (int m = from; m < to; m++) {
                    float bias = b == null ? 0f : b[m];
                    int ym = yn + m * outSize;
                    for (int t0 = 0; t0 < tiles; t0 += lanes) {
                        tr.output(prod, m * width + t0, mStride, bias, block, 0, 2 * lanes, 2 * lanes, 2);
                        for (int l = 0; l < lanes && t0 + l < tiles; l++) {
                            int t = t0 + l, oy = 2 * (t / ntx), ox = 2 * (t % ntx);
                            int at = ym + oy * ow + ox;
                            y[at] = block[2 * l];
                            if (ox + 1 < ow) y[at + 1] = block[2 * l + 1];
                            if (oy + 1 < oh) {
                                y[at + ow] = block[2 * lanes + 2 * l];
                                if (ox + 1 < ow) y[at + ow + 1] = block[2 * lanes + 2 * l + 1];
                            }
                        }
                    }
                    if (epilogue != null) epilogue.apply(y, ym, ym + outSize);
                }
            });
        }
    }

    /**
     * The 4 x 4 window of every tile of one channel, zero outside the image: row i of the windows at
     * dst[at + i * 4 * seg ...], column 0 of tile t at + t, column 2 at + seg + t, column 1 at + 2 seg + t, column 3
     * at + 3 seg + t; lanes past the last tile are zero.
     */
    private static void gather(float[] x, int xc, int h, int w, int pt, int pl, int ntx, int tiles, int seg,
                               float[] dst, int at) {
        for (int i = 0; i < 4; i++) {
            int rowAt = at + i * 4 * seg;
            for (int t = 0; t < seg; t++) {
                int iy = 2 * (t / ntx) - pt + i, ix0 = 2 * (t % ntx) - pl;
                boolean rowIn = t < tiles && iy >= 0 && iy < h;
                for (int q = 0; q < 4; q++) {
                    int ix = ix0 + GATHER_ORDER[q];
                    dst[rowAt + q * seg + t] = rowIn && ix >= 0 && ix < w ? x[xc + iy * w + ix] : 0f;
                }
            }
        }
    }

    /**
     * Copies input rows [iy0, iy0 + stagedRows) of every channel, zero outside the image, as even columns then odd
     * columns of the row padded by {@code pl} on the left: staged[(c * stagedRows + r) * 2 * half + k] is padded
     * column 2k, at + half column 2k + 1.
     */
    private static void stage(Transforms tr, float[] x, int xn, int h, int w, int iy0, int pl, int channels,
                              int stagedRows, int half, float[] staged) {
        int rowLen = 2 * half;
        for (int c = 0; c < channels; c++) {
            for (int r = 0; r < stagedRows; r++) {
                int at = (c * stagedRows + r) * rowLen;
                int iy = iy0 + r;
                if (iy < 0 || iy >= h) {
                    java.util.Arrays.fill(staged, at, at + rowLen, 0f);
                    continue;
                }
                tr.stageRow(x, xn + (c * h + iy) * w, w, pl, staged, at, half);
            }
        }
    }

    private static int roundUp(int v, int unit) { return (v + unit - 1) / unit * unit; }
}
