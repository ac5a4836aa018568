package dev.onyx.kernel;

/** Padding of a row-major array of any element type with the ONNX Pad modes. */
public final class Pad {
    private Pad() {}

    public enum Mode { CONSTANT, REFLECT, EDGE, WRAP }

    /**
     * For one axis of length {@code len} padded by {@code before} and {@code after} (either may be
     * negative, which crops): the source index of each output position, or -1 for the fill value.
     */
    public static int[] axisMap(int len, int before, int after, Mode mode) {
        int outLen = len + before + after;
        if (outLen < 0) throw new IllegalArgumentException("pads " + before + ", " + after + " crop more than the axis length " + len);
        int[] map = new int[outLen];
        for (int o = 0; o < outLen; o++) {
            int i = o - before;
            if (i >= 0 && i < len) {
                map[o] = i;
                continue;
            }
            map[o] = switch (mode) {
                case CONSTANT -> -1;
                case EDGE -> i < 0 ? 0 : len - 1;
                case WRAP -> Math.floorMod(i, len);
                case REFLECT -> {
                    if (len == 1) yield 0;
                    int period = 2 * (len - 1);
                    int m = Math.floorMod(i, period);
                    yield m < len ? m : period - m;
                }
            };
        }
        return map;
    }

    /**
     * Pads src of the given shape; {@code before[k]}/{@code after[k]} are the pads of axis k. Positions
     * outside the input take element 0 of {@code fill} (an array of the same class) in constant mode.
     */
    public static Object pad(Object src, int[] shape, int[] before, int[] after, Mode mode, Object fill) {
        int rank = shape.length;
        int[] outShape = new int[rank];
        int[][] maps = new int[rank][];
        long total = 1;
        for (int k = 0; k < rank; k++) {
            if (shape[k] == 0 && mode != Mode.CONSTANT && before[k] + after[k] > 0) {
                throw new IllegalArgumentException("cannot pad an empty axis " + k + " in " + mode.name().toLowerCase() + " mode");
            }
            maps[k] = axisMap(shape[k], before[k], after[k], mode);
            outShape[k] = maps[k].length;
            total *= outShape[k];
        }
        if (total > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("padded output too large: " + total + " elements");
        Object dst = Copy.allocLike(src, (int) total);
        if (total == 0) return dst;
        if (mode == Mode.CONSTANT) Copy.fill(dst, fill, 0);
        if (rank == 0) {
            System.arraycopy(src, 0, dst, 0, 1);
            return dst;
        }
        int[] strides = new int[rank];
        int acc = 1;
        for (int i = rank - 1; i >= 0; i--) {
            strides[i] = acc;
            acc *= shape[i];
        }
        int inner = outShape[rank - 1];
        int[] last = maps[rank - 1];
        int[] idx = new int[rank - 1];
        for (int out = 0; out < total; out += inner) {
            int base = 0;
            boolean inside = true;
            for (int k = 0; k < rank - 1; k++) {
                int m = maps[k][idx[k]];
                if (m < 0) {
                    inside = false;
                    break;
                }
                base += m * strides[k];
            }
            if (inside) Copy.take(src, base, last, 0, inner, dst, out);
            for (int k = rank - 2; k >= 0; k--) {
                if (++idx[k] < outShape[k]) break;
                idx[k] = 0;
            }
        }
        return dst;
    }
}
