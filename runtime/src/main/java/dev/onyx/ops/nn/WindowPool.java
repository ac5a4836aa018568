package dev.onyx.ops.nn;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.kernel.ConvGeometry;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Shared shape logic of the windowed pooling ops (MaxPool, AveragePool, LpPool): [N, C, spatial...] to [N, C, out...]. */
abstract class WindowPool implements Op {
    protected final String name;
    protected final Window window;

    WindowPool(String name, Window window) {
        this.name = name;
        this.window = window;
    }

    /** Whether the op accepts this element type. */
    abstract boolean accepts(DType t);

    /** The output tensors for X (already checked) and its geometry. */
    abstract List<Tensor> compute(Tensor x, int[] outShape, ConvGeometry g);

    /** Facts of outputs after the first, given the shape of Y. */
    List<Fact> extraOutputs(List<Dim> dims) { return List.of(); }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        Fact x = inputs.get(0);
        if (x.dtype() != null && !accepts(x.dtype())) throw badType(x.dtype());
        List<Fact> result = new ArrayList<>();
        if (!x.hasRank()) {
            result.add(Fact.unknownShape(x.dtype()));
            result.addAll(extraOutputs(null));
            return result;
        }
        checkRank(x.rank(), x.describe());
        List<Dim> dims = new ArrayList<>(x.dims().subList(0, 2));
        dims.addAll(window.inferSpatial(x.dims().subList(2, x.rank()), window.kernel()));
        result.add(Fact.of(x.dtype(), dims));
        result.addAll(extraOutputs(dims));
        return result;
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        if (!accepts(x.dtype())) throw badType(x.dtype());
        int[] xs = x.shape();
        checkRank(xs.length, "shape " + Shapes.toString(xs));
        ConvGeometry g = window.resolve(Arrays.copyOfRange(xs, 2, xs.length), window.kernel());
        int[] ys = new int[xs.length];
        ys[0] = xs[0];
        ys[1] = xs[1];
        System.arraycopy(g.out(), 0, ys, 2, g.rank());
        Shapes.size(ys);
        return compute(x, ys, g);
    }

    private void checkRank(int rank, String what) {
        int k = window.kernel().length;
        if (rank != k + 2) {
            throw new IllegalArgumentException("input X must have rank " + (k + 2) + " (N x C x " + k
                    + " spatial axes, as kernel_shape " + Arrays.toString(window.kernel()) + "), got " + what);
        }
    }

    private IllegalArgumentException badType(DType t) {
        return new IllegalArgumentException(name + " does not support " + t + " input");
    }

    /** Number of [N, C] planes. */
    static int planes(int[] shape) { return shape[0] * shape[1]; }

    /** A pooling kernel over float data: x, out, planes, geometry. */
    @FunctionalInterface
    interface FloatKernel { void run(float[] x, float[] out, int planes, ConvGeometry g); }

    /** A pooling kernel over double data: x, out, planes, geometry. */
    @FunctionalInterface
    interface DoubleKernel { void run(double[] x, double[] out, int planes, ConvGeometry g); }

    /**
     * Runs the float kernel for float32/float16/bfloat16 up to 3 spatial axes (converting half types), the
     * double kernel otherwise, and returns the output in x's dtype.
     */
    static List<Tensor> pool(Tensor x, int[] ys, ConvGeometry g, FloatKernel f, DoubleKernel d) {
        int planes = planes(ys);
        if (x.dtype() != DType.DOUBLE && g.rank() <= 3) {
            float[] out = dev.onyx.tensor.Buffers.floats(Shapes.size(ys));
            f.run(NnData.floats(x), out, planes, g);
            return List.of(NnData.fromFloats(x.dtype(), ys, out));
        }
        double[] out = dev.onyx.tensor.Buffers.doubles(Shapes.size(ys));
        d.run(NnData.doubles(x), out, planes, g);
        return List.of(NnData.fromDoubles(x.dtype(), ys, out));
    }
}
