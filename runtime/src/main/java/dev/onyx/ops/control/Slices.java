package dev.onyx.ops.control;

import dev.onyx.kernel.Copy;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.List;

/** Takes one slice of a tensor along an axis, and stacks per-iteration values along a new axis. */
final class Slices {
    private Slices() {}

    /** t[..., index, ...] along axis (the axis is removed). */
    static Tensor slice(Tensor t, int axis, int index) {
        int[] shape = t.shape();
        int[] strides = Shapes.strides(shape);
        int[] outShape = new int[shape.length - 1];
        int[] outStrides = new int[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (i == axis) continue;
            outShape[j] = shape[i];
            outStrides[j++] = strides[i];
        }
        Object data = Copy.strided(t.storage(), index * strides[axis], outShape, outStrides);
        return Tensor.wrap(t.dtype(), outShape, data);
    }

    /**
     * Stacks count values of one shape along a new axis: value k goes to position k, or count-1-k when
     * reversed. Values past values.size() (up to count) are left zero (padding).
     */
    static Tensor stack(List<Tensor> values, int count, int axis, boolean reverse, DType dtype, int[] elemShape, String what) {
        int[] outShape = new int[elemShape.length + 1];
        for (int i = 0, j = 0; i < outShape.length; i++) outShape[i] = i == axis ? count : elemShape[j++];
        long total = (long) count * Shapes.size(elemShape);
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(what + ": " + count + " values of shape " + Shapes.toString(elemShape)
                    + " make more than 2^31 elements");
        }
        Tensor out = Tensor.zeros(dtype, outShape);
        Object dst = out.storage();
        int outer = Shapes.product(elemShape, 0, axis);
        int inner = Shapes.product(elemShape, axis, elemShape.length);
        for (int k = 0; k < values.size(); k++) {
            Tensor v = values.get(k);
            if (v.dtype() != dtype || !java.util.Arrays.equals(v.shape(), elemShape)) {
                throw new IllegalArgumentException(what + ": iteration " + k + " produced " + v.dtype() + " "
                        + Shapes.toString(v.shape()) + " but iteration 0 produced " + dtype + " " + Shapes.toString(elemShape));
            }
            int pos = reverse ? count - 1 - k : k;
            Object src = v.storage();
            for (int o = 0; o < outer; o++) {
                System.arraycopy(src, o * inner, dst, (o * count + pos) * inner, inner);
            }
        }
        return out;
    }

    /** The shape of a value known only from its fact when no iteration ran: its static dims, else a guess of rank 0. */
    static int[] emptyElemShape(dev.onyx.ir.Fact f) {
        if (f != null && f.dims() != null) {
            int[] s = new int[f.dims().size()];
            for (int i = 0; i < s.length; i++) s[i] = f.dims().get(i).isKnown() ? (int) f.dims().get(i).value() : 0;
            return s;
        }
        return new int[0];
    }

    static DType dtypeOr(dev.onyx.ir.Fact f, DType dflt) {
        return f != null && f.dtype() != null ? f.dtype() : dflt;
    }
}
