package dev.onyx.importer;

import dev.onyx.InvalidModelException;
import dev.onyx.importer.proto.OnnxProto.SparseTensorProto;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.lang.reflect.Array;

/**
 * Densifies a SparseTensorProto: values [NNZ] with indices either [NNZ] (linear) or [NNZ, rank]
 * (coordinates) into a zero-filled tensor of the declared dims.
 */
final class SparseTensors {
    private SparseTensors() {}

    static Tensor densify(SparseTensorProto p, TensorDecoder decoder, long maxBytes) {
        Tensor values = decoder.decode(p.getValues());
        Tensor indices = decoder.decode(p.getIndices());
        int[] shape = new int[p.getDimsCount()];
        long[] dims = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            dims[i] = p.getDims(i);
            if (dims[i] < 0) throw new InvalidModelException("sparse tensor: negative dimension " + dims[i]);
        }
        long total = Shapes.sizeOrMinusOne(dims);
        if (total < 0 || total * Math.max(1, values.dtype().byteSize()) > maxBytes) {
            throw new dev.onyx.LimitExceededException("sparse tensor: dense dims " + java.util.Arrays.toString(dims) + " are too large");
        }
        for (int i = 0; i < shape.length; i++) shape[i] = (int) dims[i];
        int nnz = values.size();
        if (values.rank() != 1) throw new InvalidModelException("sparse tensor: values must be 1-D, got rank " + values.rank());
        boolean linear = indices.rank() == 1;
        if (linear ? indices.size() != nnz : (indices.rank() != 2 || indices.shape()[0] != nnz || indices.shape()[1] != shape.length)) {
            throw new InvalidModelException("sparse tensor: indices shape " + Shapes.toString(indices.shape())
                    + " does not match " + nnz + " values of rank " + shape.length);
        }
        Object dense = Tensor.allocate(values.dtype(), (int) total);
        Object src = values.storage();
        int[] strides = Shapes.strides(shape);
        for (int k = 0; k < nnz; k++) {
            long flat;
            if (linear) {
                flat = indices.getLong(k);
            } else {
                flat = 0;
                for (int d = 0; d < shape.length; d++) {
                    long ix = indices.getLong(k * shape.length + d);
                    if (ix < 0 || ix >= shape[d]) throw new InvalidModelException("sparse tensor: index " + ix + " out of range at axis " + d);
                    flat += ix * strides[d];
                }
            }
            if (flat < 0 || flat >= total) throw new InvalidModelException("sparse tensor: index " + flat + " out of range");
            Array.set(dense, (int) flat, Array.get(src, k));
        }
        return Tensor.wrap(values.dtype(), shape, dense);
    }
}
