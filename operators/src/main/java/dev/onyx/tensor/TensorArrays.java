package dev.onyx.tensor;

/**
 * Tensor data as the double[] / float[] arrays kernels compute on, and back. Views are returned where
 * the storage already has the asked type: they are read-only by contract, like {@link Tensor#storage()}.
 */
public final class TensorArrays {
    private TensorArrays() {}

    /** The elements as doubles: the storage itself for float64, a converted copy otherwise. */
    public static double[] doubles(Tensor t) {
        if (t.dtype() == DType.DOUBLE) return (double[]) t.storage();
        double[] d = new double[t.size()];
        if (t.dtype() == DType.FLOAT) {
            float[] f = (float[]) t.storage();
            for (int i = 0; i < d.length; i++) d[i] = f[i];
        } else {
            for (int i = 0; i < d.length; i++) d[i] = t.getDouble(i);
        }
        return d;
    }

    /** The elements as floats: the storage itself for float32, a converted copy otherwise. */
    public static float[] floats(Tensor t) {
        if (t.dtype() == DType.FLOAT) return (float[]) t.storage();
        float[] f = new float[t.size()];
        for (int i = 0; i < f.length; i++) f[i] = (float) t.getDouble(i);
        return f;
    }

    /**
     * A tensor of the dtype holding the values: the array itself for float64, rounded for float types,
     * truncated toward zero for integers (as a C cast / numpy astype).
     */
    public static Tensor fromDoubles(DType dtype, int[] shape, double[] v) {
        if (dtype == DType.DOUBLE) return Tensor.wrap(dtype, shape, v);
        if (dtype == DType.FLOAT) {
            float[] f = new float[v.length];
            for (int i = 0; i < f.length; i++) f[i] = (float) v[i];
            return Tensor.wrap(dtype, shape, f);
        }
        return Tensor.fromDoubles(dtype, shape, v);
    }
}
