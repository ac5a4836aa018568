package dev.onyx.kernel;

/**
 * Convolution weights packed for the GEMM micro-kernel: per group, slivers of {@code mr} output
 * channels, each laid out reduction step by reduction step ({@code mr} values per step, zero past the
 * last channel). Packed once when a session is created for constant weights, so runs read them as is.
 */
public final class ConvWeights {
    private final float[] data;
    private final int outChannels;
    private final int group;
    private final int depth;
    private final int mr;
    private final int slivers;
    /** The same weights transformed for {@link Winograd}, or null. */
    private final ConvWeights winograd;

    private ConvWeights(float[] data, int outChannels, int group, int depth, int mr, int slivers, ConvWeights winograd) {
        this.data = data;
        this.winograd = winograd;
        this.outChannels = outChannels;
        this.group = group;
        this.depth = depth;
        this.mr = mr;
        this.slivers = slivers;
    }

    /**
     * Packs {@code w} (outChannels x depth, row-major; depth = input channels per group x kernel size).
     *
     * @param mr rows per sliver, the micro-kernel height
     */
    public static ConvWeights pack(float[] w, int outChannels, int group, int depth, int mr) {
        if (outChannels % group != 0) throw new IllegalArgumentException(outChannels + " output channels, group " + group);
        if ((long) outChannels * depth > w.length) {
            throw new IllegalArgumentException("weights: " + outChannels + " x " + depth + " needs more than " + w.length + " values");
        }
        int mg = outChannels / group;
        int slivers = (mg + mr - 1) / mr;
        float[] data = new float[Math.multiplyExact(Math.multiplyExact(group * slivers, depth), mr)];
        for (int gi = 0; gi < group; gi++) {
            for (int s = 0; s < slivers; s++) {
                int base = (gi * slivers + s) * depth * mr;
                for (int r = 0; r < mr && s * mr + r < mg; r++) {
                    int src = (gi * mg + s * mr + r) * depth;
                    for (int p = 0, d = base + r; p < depth; p++, d += mr) data[d] = w[src + p];
                }
            }
        }
        return new ConvWeights(data, outChannels, group, depth, mr, slivers, null);
    }

    /** These weights with their {@link Winograd} transform attached. */
    public ConvWeights withWinograd(ConvWeights transformed) {
        return new ConvWeights(data, outChannels, group, depth, mr, slivers, transformed);
    }

    /** The {@link Winograd} transform of these weights, or null when none was made. */
    public ConvWeights winograd() { return winograd; }

    /** The packed values. */
    public float[] data() { return data; }

    /** Offset of reduction step {@code p} of the sliver holding output channel {@code row} (a multiple of mr) of group {@code gi}. */
    public int offset(int gi, int row, int p) { return ((gi * slivers + row / mr) * depth + p) * mr; }

    public int outChannels() { return outChannels; }

    public int group() { return group; }

    /** Reduction depth: input channels per group x kernel size. */
    public int depth() { return depth; }

    /** Rows per sliver. */
    public int mr() { return mr; }
}
