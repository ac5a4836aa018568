package dev.onyx.ops.quant;

import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

/**
 * How the scale (and zero point) of QuantizeLinear/DequantizeLinear map onto the elements of x: per tensor (a
 * scalar or one element), per axis (1-D of x's length on the axis) or blocked (x's shape except ceil(D/B) on the axis).
 */
final class ScaleLayout {
    private final int inner;
    private final int len;
    private final int blocks;
    /** Block size; 0 for per-axis. */
    private final int block;
    private final boolean perTensor;

    private ScaleLayout(boolean perTensor, int inner, int len, int blocks, int block) {
        this.perTensor = perTensor;
        this.inner = inner;
        this.len = len;
        this.blocks = blocks;
        this.block = block;
    }

    /**
     * The layout of {@code scale} over {@code x}'s shape.
     *
     * @param axis      the 'axis' attribute (may be negative)
     * @param blockSize the 'block_size' attribute, 0 for per-tensor or per-axis
     * @param perAxisOk whether the opset allows per-axis/blocked scales (13 and later)
     */
    static ScaleLayout of(int[] x, Tensor scale, long axis, long blockSize, boolean perAxisOk, String what) {
        if (blockSize == 0 && scale.size() == 1 && scale.rank() <= 1) return new ScaleLayout(true, 1, 1, 1, 1);
        if (!perAxisOk) throw Quant.shapeError(what, scale, "a scalar (per-tensor) before opset 13");
        if (axis < -x.length || axis >= x.length) {
            throw new IllegalArgumentException("attribute 'axis' " + axis + " is out of range for input x of shape "
                    + Shapes.toString(x));
        }
        int a = (int) (axis < 0 ? axis + x.length : axis);
        int inner = Shapes.product(x, a + 1, x.length);
        int len = x[a];
        int[] s = scale.shape();
        if (blockSize == 0) {
            if (s.length != 1 || s[0] != len) {
                throw Quant.shapeError(what, scale, "a scalar or [" + len + "] (x's dim on axis " + a + ")");
            }
            return new ScaleLayout(false, inner, len, len, 0);
        }
        long blocks = (len + blockSize - 1) / blockSize;
        boolean ok = s.length == x.length && s[a] == blocks;
        for (int i = 0; ok && i < s.length; i++) ok = i == a || s[i] == x[i];
        if (!ok) {
            int[] want = x.clone();
            want[a] = (int) blocks;
            throw Quant.shapeError(what, scale, Shapes.toString(want) + " for block_size " + blockSize + " on axis " + a);
        }
        return new ScaleLayout(false, inner, len, (int) blocks, (int) blockSize);
    }

    /** The scale index of x's flat element i. */
    int index(int i) {
        if (perTensor) return 0;
        int outer = i / (inner * len);
        int pos = (i / inner) % len;
        if (block == 0) return pos; // per axis
        return (outer * blocks + pos / block) * inner + i % inner;
    }
}
