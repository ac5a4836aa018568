package dev.onyx.kernel;

/**
 * A pointwise (1x1) convolution followed by a depthwise convolution of its output, as one pass that never
 * writes the intermediate tensor out: the inverted-residual blocks of MobileNet-style networks expand
 * 16-160 channels to 6x as many on large planes, and that expanded tensor would otherwise go to memory
 * and back. Each output channel of the depthwise step reads only the same channel of the intermediate,
 * so the work splits by groups of intermediate channels: a group is computed into a per-thread scratch
 * plane set (kept in cache), its epilogue applied, then the depthwise kernel runs on it by channel blocks or
 * plane by plane, whichever {@link DepthwiseFloat.Kernel#blocksFaster} says.
 * Every value is computed exactly as the two convolutions compute it one after the other, so the bits
 * are the same.
 */
public final class PointwiseDepthwise {
    private PointwiseDepthwise() {}

    /** Per thread: the intermediate planes of one group of channels. */
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[1][0]);
    /** Per calling thread: the whole intermediate, when the convolutions run one after the other. */
    private static final ThreadLocal<float[][]> UNFUSED = ThreadLocal.withInitial(() -> new float[1][0]);
    /**
     * Smallest plane computed group by group: below it the intermediate fits in cache anyway and the two
     * convolutions run one after the other (measured in mobilenet_v2: grouped 0.68x the time at 112x112,
     * 0.93-1.08x at 56x56, 1.0-1.1x at 28 and 14, 1.27x at 7x7, where each group re-packs the image).
     */
    private static final int MIN_FUSED_PLANE = 56 * 56;
    /** Budget, in floats, of the packed image panel of one pointwise tile. */
    private static final int PANEL_BUDGET = 1 << 15;
    /** Budget, in floats, of the intermediate planes of one group of channels (stays in L2). */
    private static final int MID_BUDGET = 1 << 16;
    /** Budget, in floats, of the channel-interleaved input rows of one depthwise strip. */
    private static final int STRIP_BUDGET = 1 << 15;

    /**
     * y = depthwise(epilogue1(pointwise(x))) then epilogue2, for float32 NCHW tensors (1-D or 2-D spatial).
     *
     * @param x       batch x cin x in-spatial
     * @param w1      cmid x cin pointwise weights
     * @param packed1 w1 packed by {@link ConvFloat#prepack}, or null
     * @param b1      cmid biases, or null
     * @param e1      activation of the intermediate (index-independent), or null
     * @param w2      cmid x kernel depthwise weights
     * @param b2      cmid biases, or null
     * @param e2      applied to each finished output segment, or null
     * @param y       batch x cmid x out-spatial, written
     * @param g1      pointwise geometry ({@link ConvGeometry#isPointwise})
     * @param g2      depthwise geometry over g1's output
     */
    public static void run(float[] x, float[] w1, ConvWeights packed1, float[] b1, ConvFloat.Epilogue e1,
                           float[] w2, float[] b2, ConvFloat.Epilogue e2, float[] y,
                           int batch, int cin, int cmid, ConvGeometry g1, ConvGeometry g2) {
        if (!g1.isPointwise()) throw new IllegalArgumentException("the first convolution is not pointwise: " + g1);
        KernelProvider.ConvGemmKernel gemm = KernelProvider.convGemm();
        DepthwiseFloat.Kernel dw = KernelProvider.depthwise();
        ConvGeometry m3 = g2.as3d();
        int unit = gemm == null ? 0 : lcm(gemm.bandUnit(), Math.max(1, dw.blockChannels()));
        if (gemm == null || dw.blockChannels() == 0 || g1.rank() > 3 || !DepthwiseFloat.Kernel.blockable(m3)
                || cmid % unit != 0 || batch == 0 || cmid == 0) {
            unfused(x, w1, packed1, b1, e1, w2, b2, e2, y, batch, cin, cmid, g1, g2);
            return;
        }
        if (g1.outSize() < MIN_FUSED_PLANE) {
            unfused(x, w1, packed1, b1, e1, w2, b2, e2, y, batch, cin, cmid, g1, g2);
            return;
        }
        ConvWeights pw = packed1 != null && packed1.mr() == gemm.mr() && packed1.outChannels() == cmid
                && packed1.group() == 1 && packed1.depth() == cin ? packed1 : ConvWeights.pack(w1, cmid, 1, cin, gemm.mr());
        ConvGeometry p3 = g1.as3d();
        int hw = g1.outSize(), outSize = m3.outSize(), ks = m3.kernelSize();
        int bc = dw.blockChannels();
        int tile = Math.min(hw, Math.max(16, PANEL_BUDGET / Math.max(1, Math.min(cin, ConvPanels.MAX_BLOCK_ROWS)) / 16 * 16));
        int oh0 = m3.out()[1], ow0 = m3.out()[2], iw0 = m3.in()[2];
        int stripRows = Math.max(1, Math.min(oh0, STRIP_BUDGET / Math.max(1, iw0 * bc) / Math.max(1, m3.strides()[1])));
        // groups of channels as large as the scratch budget allows (each group packs the image panels again),
        // at least two per thread when the batch alone does not feed the threads
        Parallel par = Parallel.current();
        int groupSize = Math.max(unit, Math.min(cmid, MID_BUDGET / Math.max(1, hw) / unit * unit));
        int perImage = Math.max(1, 2 * par.threads() / batch);
        if (par.threads() > 1 && cmid / groupSize < perImage) {
            groupSize = Math.max(unit, (cmid / perImage) / unit * unit);
        }
        int groups = (cmid + groupSize - 1) / groupSize;
        int gsMax = groupSize;
        boolean planes = !DepthwiseFloat.Kernel.blocksFaster(m3);
        par.forRange(batch * groups, 1, (from, to) -> {
            float[][] holder = SCRATCH.get();
            if (holder[0].length < gsMax * hw) holder[0] = new float[gsMax * hw];
            float[] mid = holder[0];
            for (int job = from; job < to; job++) {
                int n = job / groups, c0 = (job % groups) * gsMax;
                int gs = Math.min(gsMax, cmid - c0);
                ConvPanels panels = new ConvPanels(x, n * cin * hw, p3);
                for (int p0 = 0; p0 < hw; p0 += tile) {
                    int cnt = Math.min(tile, hw - p0);
                    gemm.tile(pw, 0, c0, gs, b1, 0, panels, p0, cnt, mid, p0, hw);
                    if (e1 != null) {
                        for (int r = 0; r < gs; r++) e1.apply(mid, r * hw + p0, r * hw + p0 + cnt);
                    }
                }
                int yn = n * cmid * outSize;
                if (planes) {
                    for (int b = 0; b < gs; b++) {
                        int c = c0 + b, yc = yn + c * outSize;
                        dw.plane(mid, b * hw, w2, c * ks, b2 == null ? 0f : b2[c], y, yc, m3);
                        if (e2 != null) e2.apply(y, yc, yc + outSize);
                    }
                    continue;
                }
                for (int b = 0; b < gs; b += bc) {
                    int c = c0 + b;
                    for (int r0 = 0; r0 < oh0; r0 += stripRows) {
                        int r1 = Math.min(oh0, r0 + stripRows);
                        dw.block(mid, b * hw, w2, c * ks, b2, c, y, yn + c * outSize, m3, r0, r1);
                        if (e2 != null) {
                            for (int k = c; k < c + bc; k++) {
                                int at = yn + k * outSize + r0 * ow0;
                                e2.apply(y, at, at + (r1 - r0) * ow0);
                            }
                        }
                    }
                }
            }
        });
    }

    /**
     * The two convolutions one after the other, through a per-thread scratch intermediate (small planes,
     * where the intermediate stays in cache anyway, and kernels without channel blocks).
     */
    private static void unfused(float[] x, float[] w1, ConvWeights packed1, float[] b1, ConvFloat.Epilogue e1,
                                float[] w2, float[] b2, ConvFloat.Epilogue e2, float[] y,
                                int batch, int cin, int cmid, ConvGeometry g1, ConvGeometry g2) {
        int size = Math.multiplyExact(Math.multiplyExact(batch, cmid), g1.outSize());
        float[][] holder = UNFUSED.get();
        if (holder[0].length < size) holder[0] = new float[size];
        float[] mid = holder[0];
        ConvFloat.conv(x, w1, packed1, b1, mid, batch, cin, cmid, 1, g1, e1);
        ConvFloat.conv(mid, w2, null, b2, y, batch, cmid, cmid, cmid, g2, e2);
    }

    private static int lcm(int a, int b) {
        int x = a, z = b;
        while (z != 0) {
            int t = x % z;
            x = z;
            z = t;
        }
        return a / x * b;
    }
}
