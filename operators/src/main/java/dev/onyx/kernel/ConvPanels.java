package dev.onyx.kernel;

/**
 * The right-hand operand of a convolution as GEMM, one block of reduction rows at a time: rows
 * (c, kd, kh, kw) of the virtual im2col matrix for a range of output positions. A pointwise
 * convolution reads the image itself; otherwise the block is unfolded into a small scratch matrix
 * (never the whole im2col matrix). Blocks hold whole channels, so each is one {@link Im2col#fill} call.
 */
public final class ConvPanels {
    /** Most reduction rows per block. */
    static final int MAX_BLOCK_ROWS = 256;

    private final float[] x;
    private final int xOff;
    private final ConvGeometry g;
    private final boolean pointwise;
    private final int kernelSize;
    private final int inSize;

    /** A block: row r of it, position j, is {@code array[offset + r * stride + j]}. */
    public record Block(float[] array, int offset, int stride) {}

    /**
     * @param x        the image of one group: channels x in-spatial from {@code xOff}
     * @param geometry at most 3 spatial axes
     */
    public ConvPanels(float[] x, int xOff, ConvGeometry geometry) {
        this.x = x;
        this.xOff = xOff;
        this.g = geometry;
        this.pointwise = geometry.isPointwise();
        this.kernelSize = geometry.kernelSize();
        this.inSize = geometry.inSize();
    }

    /** The image of the group: channels x in-spatial from {@link #offset}. */
    public float[] image() { return x; }

    /** Where the group's first channel starts in {@link #image}. */
    public int offset() { return xOff; }

    /** The (3-D) geometry. */
    public ConvGeometry geometry() { return g; }

    /** True for a 1x1 convolution without stride or padding: rows are the image's channels themselves. */
    public boolean pointwise() { return pointwise; }

    /** Reduction rows per block: whole channels, at most {@link #MAX_BLOCK_ROWS} unless one channel is more. */
    public static int blockRows(ConvGeometry g) {
        int ks = g.kernelSize();
        return Math.max(1, MAX_BLOCK_ROWS / ks) * ks;
    }

    /** {@link #blockRows(ConvGeometry)} of this convolution. */
    public int blockRows() { return blockRows(g); }

    /** Scratch floats {@link #block} needs for {@code count} positions. */
    public int scratchSize(int count) {
        return pointwise ? 0 : blockRows() * count;
    }

    /**
     * Rows [pc, pc + kc) for positions [first, first + count); pc must be a multiple of
     * {@link #blockRows}, kc at most that. {@code scratch} must hold {@link #scratchSize} floats.
     */
    public Block block(int pc, int kc, int first, int count, float[] scratch) {
        if (pointwise) return new Block(x, xOff + pc * inSize + first, inSize);
        Im2col.fill(x, xOff + (pc / kernelSize) * inSize, kc / kernelSize, g, first, count, scratch);
        return new Block(scratch, 0, count);
    }
}
