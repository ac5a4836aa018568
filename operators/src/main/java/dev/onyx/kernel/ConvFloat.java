package dev.onyx.kernel;

/**
 * Float32 convolution over up to 3 spatial axes: a plain GEMM for pointwise kernels, a direct loop for
 * depthwise convolutions, and tiled im2col + {@link Sgemm} per group otherwise.
 */
public final class ConvFloat {
    /** Upper bound, in floats, of the im2col scratch matrix of one tile. */
    static final int COL_BUDGET = 1 << 17;
    /** Upper bound, in floats, of the output block of one tile (bias, GEMM and epilogue stay in cache). */
    static final int OUT_BUDGET = 1 << 16;
    /**
     * Spatial tiles and row bands are multiples of these, so that every tile boundary is also a
     * boundary of the GEMM micro-tiles: results are then the same for any tiling and thread count.
     */
    static final int COL_ALIGN = 64;
    static final int ROW_ALIGN = 24;

    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[1][0]);

    private ConvFloat() {}

    /** Applied to each finished output segment y[from, to) of one output channel while it is hot. */
    @FunctionalInterface
    public interface Epilogue {
        void apply(float[] y, int from, int to);
    }

    /** {@link #conv(float[], float[], float[], float[], int, int, int, int, ConvGeometry, Epilogue)} without epilogue. */
    public static void conv(float[] x, float[] w, float[] b, float[] y, int batch, int channels, int outChannels,
                            int group, ConvGeometry g) {
        conv(x, w, b, y, batch, channels, outChannels, group, g, null);
    }

    /**
     * Computes y[n, m, out...] = b[m] + sum over c, taps of x[n, c, in...] * w[m, c - g*Cg, taps...],
     * then the epilogue on every output segment. Work is split over {@link Parallel#current()} by
     * group, output-channel band and spatial tile, never inside a sum, so the result does not
     * depend on the thread count.
     *
     * @param x     batch x channels x in-spatial
     * @param w     outChannels x (channels / group) x kernel
     * @param b     outChannels biases, or null
     * @param y     batch x outChannels x out-spatial, written (not read)
     * @param g     geometry with at most 3 spatial axes
     * @param epilogue applied to each output segment once final, or null
     */
    public static void conv(float[] x, float[] w, float[] b, float[] y, int batch, int channels, int outChannels,
                            int group, ConvGeometry g, Epilogue epilogue) {
        conv(x, w, null, b, y, batch, channels, outChannels, group, g, epilogue);
    }

    /**
     * Weights packed for the GEMM kernel in use ({@link KernelProvider#convGemm}), to pass to every
     * {@link #conv(float[], float[], ConvWeights, float[], float[], int, int, int, int, ConvGeometry, Epilogue) conv}
     * call with these weights; null when the kernel in use takes the weights as they are.
     *
     * @param w           outChannels x (input channels per group x kernel size)
     * @param depthwise   whether the convolution is depthwise (those never use packed weights)
     */
    public static ConvWeights prepack(float[] w, int outChannels, int group, int depth, boolean depthwise) {
        return prepack(w, outChannels, group, depth, depthwise, false);
    }

    /**
     * As {@link #prepack(float[], int, int, int, boolean)}; with {@code winograd3x3} (a 2-D 3x3 kernel, stride 1,
     * no dilation, one group) the {@link Winograd} transform of the weights is made too, for the vector path.
     */
    public static ConvWeights prepack(float[] w, int outChannels, int group, int depth, boolean depthwise,
                                      boolean winograd3x3) {
        KernelProvider.ConvGemmKernel kernel = KernelProvider.convGemm();
        if (kernel == null || depthwise || outChannels % group != 0) return null;
        ConvWeights packed = ConvWeights.pack(w, outChannels, group, depth, kernel.mr());
        if (winograd3x3 && group == 1 && depth % 9 == 0 && KernelProvider.winograd() != null && outChannels >= 16) {
            packed = packed.withWinograd(Winograd.transformWeights(w, outChannels, depth / 9, kernel.mr()));
        }
        return packed;
    }

    /**
     * As {@link #conv(float[], float[], float[], float[], int, int, int, int, ConvGeometry, Epilogue)}, with the
     * weights also given packed by {@link #prepack} (or null, to pack them on this call when needed).
     */
    public static void conv(float[] x, float[] w, ConvWeights packed, float[] b, float[] y, int batch, int channels,
                            int outChannels, int group, ConvGeometry g, Epilogue epilogue) {
        conv(x, w, packed, b, y, 0, batch, channels, outChannels, group, g, epilogue);
    }

    /**
     * As {@link #conv(float[], float[], ConvWeights, float[], float[], int, int, int, int, ConvGeometry, Epilogue)},
     * writing y[yOff + (n * outChannels + m) * outSize + p] (for example one slice of a concatenation).
     */
    public static void conv(float[] x, float[] w, ConvWeights packed, float[] b, float[] y, int yOff, int batch, int channels,
                            int outChannels, int group, ConvGeometry g, Epilogue epilogue) {
        int cg = channels / group, mg = outChannels / group;
        int inSize = g.inSize(), outSize = g.outSize(), ks = g.kernelSize();
        int k = cg * ks;
        if (outSize == 0 || outChannels == 0 || batch == 0) return;
        boolean depthwise = cg == 1 && group == channels && group > 1;
        boolean pointwise = g.isPointwise();
        Parallel par = Parallel.current();
        int threads = par.threads();
        if (depthwise) {
            int multiplier = outChannels / channels;
            int planes = batch * outChannels;
            ConvGeometry g3 = g.as3d();
            DepthwiseFloat.Kernel kernel = KernelProvider.depthwise();
            if (multiplier == 1 && kernel.blockChannels() > 0 && channels >= kernel.blockChannels()
                    && DepthwiseFloat.Kernel.blockable(g3) && DepthwiseFloat.Kernel.blocksFaster(g3)) {
                blockedDepthwise(kernel, x, w, b, y, yOff, batch, channels, g3, epilogue);
                return;
            }
            par.forRange(planes, Math.max(1, (1 << 14) / Math.max(1, outSize * ks)), (from, to) -> {
                for (int pl = from; pl < to; pl++) {
                    int n = pl / outChannels, m = pl - n * outChannels;
                    int yc = yOff + pl * outSize;
                    int xc = n * channels * inSize + (m / multiplier) * inSize;
                    kernel.plane(x, xc, w, m * ks, b == null ? 0f : b[m], y, yc, g3);
                    if (epilogue != null) epilogue.apply(y, yc, yc + outSize);
                }
            });
            return;
        }
        KernelProvider.ConvGemmKernel gemm = KernelProvider.convGemm();
        if (gemm != null && g.rank() <= 3) {
            Winograd.Transforms wt = KernelProvider.winograd();
            if (packed != null && packed.winograd() != null && wt != null && packed.outChannels() == outChannels
                    && packed.depth() == k && Winograd.applies(g, channels, outChannels, group, wt.lanes())) {
                Winograd.conv(gemm, wt, x, packed.winograd(), b, y, yOff, batch, channels, outChannels, g, epilogue);
                return;
            }
            DirectConv.Kernel direct = KernelProvider.directConv();
            if (direct != null && DirectConv.applies(g, channels, group)) {
                ConvWeights dw = packed != null && packed.mr() == DirectConv.MR && packed.outChannels() == outChannels
                        && packed.group() == 1 && packed.depth() == k ? packed : ConvWeights.pack(w, outChannels, 1, k, DirectConv.MR);
                DirectConv.conv(direct, x, dw, b, y, yOff, batch, channels, outChannels, g, epilogue);
                return;
            }
            ConvWeights pw = packed != null && packed.mr() == gemm.mr() && packed.outChannels() == outChannels
                    && packed.group() == group && packed.depth() == k
                    ? packed : ConvWeights.pack(w, outChannels, group, k, gemm.mr());
            packedConv(gemm, x, pw, b, y, yOff, batch, channels, outChannels, group, g, epilogue);
            return;
        }
        // spatial tiles: a multiple of COL_ALIGN wide (or the whole output), bounded by the scratch budget
        int fit = Math.max(4 * COL_ALIGN, OUT_BUDGET / Math.max(1, mg));
        if (!pointwise) fit = Math.min(fit, COL_BUDGET / Math.max(1, k));
        int tile = Math.min(outSize, Math.max(COL_ALIGN, fit / COL_ALIGN * COL_ALIGN));
        int tiles = (outSize + tile - 1) / tile;
        // output-channel bands, only when tiles alone cannot feed the threads
        int bandRows = mg;
        int jobsPerBand = batch * group * tiles;
        if (threads > 1 && jobsPerBand < 2 * threads && mg >= 2 * ROW_ALIGN) {
            int want = (2 * threads + jobsPerBand - 1) / jobsPerBand;
            bandRows = Math.max(ROW_ALIGN, ((mg + want - 1) / want + ROW_ALIGN - 1) / ROW_ALIGN * ROW_ALIGN);
        }
        int bands = (mg + bandRows - 1) / bandRows;
        int fTile = tile, fBandRows = bandRows;
        long jobWork = (long) Math.min(mg, bandRows) * tile * k;
        int grain = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (1L << 17) / Math.max(1, jobWork)));
        int jobs = batch * group * tiles * bands;
        par.forRange(jobs, grain, (from, to) -> {
            float[] col = null;
            if (!pointwise) {
                float[][] holder = SCRATCH.get();
                if (holder[0].length < k * fTile) holder[0] = new float[k * fTile];
                col = holder[0];
            }
            for (int job = from; job < to; job++) {
                int band = job % bands;
                int rest = job / bands;
                int t = rest % tiles;
                rest /= tiles;
                int gi = rest % group;
                int n = rest / group;
                int m0 = band * fBandRows, rows = Math.min(fBandRows, mg - m0);
                int p0 = t * fTile, cnt = Math.min(fTile, outSize - p0);
                int xg = n * channels * inSize + gi * cg * inSize;
                int yRow = yOff + n * outChannels * outSize + (gi * mg + m0) * outSize;
                int wg = (gi * mg + m0) * k;
                float beta = 0f;
                if (b != null) {
                    beta = 1f;
                    for (int r = 0; r < rows; r++) {
                        int at = yRow + r * outSize + p0;
                        java.util.Arrays.fill(y, at, at + cnt, b[gi * mg + m0 + r]);
                    }
                }
                if (pointwise) {
                    Sgemm.sgemm(false, false, rows, cnt, cg, 1f, w, wg, k, x, xg + p0, inSize, beta, y, yRow + p0, outSize);
                } else {
                    Im2col.fill(x, xg, cg, g, p0, cnt, col);
                    Sgemm.sgemm(false, false, rows, cnt, k, 1f, w, wg, k, col, 0, cnt, beta, y, yRow + p0, outSize);
                }
                if (epilogue != null) {
                    for (int r = 0; r < rows; r++) {
                        int at = yRow + r * outSize + p0;
                        epilogue.apply(y, at, at + cnt);
                    }
                }
            }
        });
    }

    /** Budget, in floats, of the channel-interleaved input rows of one blocked depthwise job (stays in L2). */
    private static final int DEPTHWISE_BLOCK_BUDGET = 1 << 15;

    /**
     * Depthwise convolution (one output channel per input channel, 2-D or 1-D) by blocks of
     * {@link DepthwiseFloat.Kernel#blockChannels} channels over strips of output rows; channels past the last
     * whole block go plane by plane. Every output is the same in any job layout.
     */
    private static void blockedDepthwise(DepthwiseFloat.Kernel kernel, float[] x, float[] w, float[] b, float[] y, int yOff,
                                         int batch, int channels, ConvGeometry g3, Epilogue epilogue) {
        int bc = kernel.blockChannels();
        int inSize = g3.inSize(), outSize = g3.outSize(), ks = g3.kernelSize();
        int oh0 = g3.out()[1], ow0 = g3.out()[2], iw0 = g3.in()[2];
        int sh = g3.strides()[1];
        int rowFloats = Math.max(1, iw0 * bc);
        int stripRows = Math.max(1, Math.min(oh0, (DEPTHWISE_BLOCK_BUDGET / rowFloats) / Math.max(1, sh)));
        int strips = (oh0 + stripRows - 1) / stripRows;
        int blocks = channels / bc, rest = channels - blocks * bc;
        int perImage = blocks * strips + rest;
        long jobWork = (long) bc * stripRows * ow0 * ks;
        int grain = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (1L << 15) / Math.max(1, jobWork)));
        int fStripRows = stripRows, fStrips = strips;
        Parallel.current().forRange(batch * perImage, grain, (from, to) -> {
            for (int job = from; job < to; job++) {
                int n = job / perImage, j = job - n * perImage;
                int xn = n * channels * inSize, yn = yOff + n * channels * outSize;
                if (j < blocks * fStrips) {
                    int c0 = (j / fStrips) * bc;
                    int r0 = (j % fStrips) * fStripRows, r1 = Math.min(oh0, r0 + fStripRows);
                    kernel.block(x, xn + c0 * inSize, w, c0 * ks, b, c0, y, yn + c0 * outSize, g3, r0, r1);
                    if (epilogue != null) {
                        for (int c = c0; c < c0 + bc; c++) {
                            int at = yn + c * outSize + r0 * ow0;
                            epilogue.apply(y, at, at + (r1 - r0) * ow0);
                        }
                    }
                } else {
                    int m = blocks * bc + (j - blocks * fStrips);
                    int yc = yn + m * outSize;
                    kernel.plane(x, xn + m * inSize, w, m * ks, b == null ? 0f : b[m], y, yc, g3);
                    if (epilogue != null) epilogue.apply(y, yc, yc + outSize);
                }
            }
        });
    }

    /** Budget, in floats, of one packed image panel and of one output block (both stay in L2). */
    private static final int PANEL_BUDGET = 1 << 15;

    /**
     * The vector path: jobs of (image, group, spatial tile, band of output channels), each packing its
     * image panels straight from the input and running the kernel on the pre-packed weights, then the
     * epilogue on the finished rows. Every output is computed the same way in any job layout.
     */
    private static void packedConv(KernelProvider.ConvGemmKernel gemm, float[] x, ConvWeights w, float[] b, float[] y, int yOff,
                                   int batch, int channels, int outChannels, int group, ConvGeometry g, Epilogue epilogue) {
        int unit = gemm.bandUnit();
        int cg = channels / group, mg = outChannels / group;
        int inSize = g.inSize(), outSize = g.outSize();
        int k = w.depth();
        ConvGeometry g3 = g.as3d(); // once: Im2col works on 3-D geometries
        Parallel par = Parallel.current();
        int threads = par.threads();
        // one band of all output channels unless the threads need more jobs: each band unfolds the image again
        int bands = 1;
        int bandRows = mg;
        int tile = Math.min(PANEL_BUDGET / Math.min(k, ConvPanels.blockRows(g)), PANEL_BUDGET / Math.min(mg, 256));
        tile = Math.min(outSize, Math.max(16, tile / 16 * 16));
        // no remainder tile under half a tile: each tile streams all the weights again (squeezenet's classifier,
        // 169 = 128 + 41 positions and 2 MB of weights: 5-7% faster as one tile)
        if (2 * outSize <= 3 * tile) tile = outSize;
        int tiles = (outSize + tile - 1) / tile;
        int jobsPerBand = batch * group * tiles;
        if (threads > 1 && jobsPerBand * bands < 2 * threads && mg >= 4 * unit) {
            int want = Math.min((2 * threads + jobsPerBand - 1) / jobsPerBand, mg / (2 * unit));
            if (want > bands) {
                bandRows = roundUp((mg + want - 1) / want, unit);
            }
        }
        bands = (mg + bandRows - 1) / bandRows;
        if (bands > 1) {
            sharedPanelConv(gemm, x, w, b, y, yOff, batch, channels, outChannels, group, g3, epilogue, tile, tiles, bandRows, bands);
            return;
        }
        int fTile = tile, fBandRows = bandRows, fBands = bands, fTiles = tiles;
        long jobWork = (long) Math.min(mg, bandRows) * tile * k;
        int grain = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (1L << 17) / Math.max(1, jobWork)));
        par.forRange(batch * group * tiles * bands, grain, (from, to) -> {
            for (int job = from; job < to; job++) {
                int band = job % fBands;
                int rest = job / fBands;
                int t = rest % fTiles;
                rest /= fTiles;
                int gi = rest % group;
                int n = rest / group;
                int m0 = band * fBandRows, rows = Math.min(fBandRows, mg - m0);
                int p0 = t * fTile, cnt = Math.min(fTile, outSize - p0);
                ConvPanels panels = new ConvPanels(x, n * channels * inSize + gi * cg * inSize, g3);
                int yRow = yOff + n * outChannels * outSize + (gi * mg + m0) * outSize;
                gemm.tile(w, gi, m0, rows, b, gi * mg, panels, p0, cnt, y, yRow + p0, outSize);
                if (epilogue != null) {
                    for (int r = 0; r < rows; r++) {
                        int at = yRow + r * outSize + p0;
                        epilogue.apply(y, at, at + cnt);
                    }
                }
            }
        });
    }

    /** Per calling thread: the panels shared by the bands of {@link #sharedPanelConv}. */
    private static final ThreadLocal<float[][]> SHARED_PANELS = ThreadLocal.withInitial(() -> new float[1][0]);

    /**
     * {@link #packedConv} for several bands of output channels per tile (threads outnumber the tiles of a small
     * output): every panel is packed once, by blocks of reduction rows in parallel, then the bands run on it,
     * instead of each band unfolding the image again. Same arithmetic as one band per tile, so the same bits.
     */
    private static void sharedPanelConv(KernelProvider.ConvGemmKernel gemm, float[] x, ConvWeights w, float[] b, float[] y, int yOff,
                                        int batch, int channels, int outChannels, int group, ConvGeometry g3,
                                        Epilogue epilogue, int tile, int tiles, int bandRows, int bands) {
        int cg = channels / group, mg = outChannels / group;
        int inSize = g3.inSize(), outSize = g3.outSize();
        int k = w.depth();
        int kcMax = ConvPanels.blockRows(g3);
        int kBlocks = (k + kcMax - 1) / kcMax;
        int panelFloats = gemm.panelSize(k, tile);
        int panels = batch * group * tiles;
        float[][] holder = SHARED_PANELS.get();
        if (holder[0].length < (long) panels * panelFloats) holder[0] = new float[Math.multiplyExact(panels, panelFloats)];
        float[] shared = holder[0];
        Parallel par = Parallel.current();
        par.forRange(panels * kBlocks, 1, (from, to) -> {
            for (int job = from; job < to; job++) {
                int blk = job % kBlocks, panel = job / kBlocks;
                int t = panel % tiles, ng = panel / tiles;
                int gi = ng % group, n = ng / group;
                int p0 = t * tile, cnt = Math.min(tile, outSize - p0);
                int pc = blk * kcMax;
                ConvPanels source = new ConvPanels(x, n * channels * inSize + gi * cg * inSize, g3);
                gemm.packPanel(source, pc, Math.min(kcMax, k - pc), p0, cnt, shared, panel * panelFloats);
            }
        });
        par.forRange(panels * bands, 1, (from, to) -> {
            for (int job = from; job < to; job++) {
                int band = job % bands, panel = job / bands;
                int t = panel % tiles, ng = panel / tiles;
                int gi = ng % group, n = ng / group;
                int m0 = band * bandRows, rows = Math.min(bandRows, mg - m0);
                int p0 = t * tile, cnt = Math.min(tile, outSize - p0);
                int yRow = yOff + n * outChannels * outSize + (gi * mg + m0) * outSize;
                gemm.tilePacked(w, gi, m0, rows, b, gi * mg, shared, panel * panelFloats, kcMax, cnt, y, yRow + p0, outSize);
                if (epilogue != null) {
                    for (int r = 0; r < rows; r++) {
                        int at = yRow + r * outSize + p0;
                        epilogue.apply(y, at, at + cnt);
                    }
                }
            }
        });
    }

    private static int roundUp(int v, int unit) { return (v + unit - 1) / unit * unit; }
}
