package dev.onyx.cli;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.ir.ValueInfo;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.List;
import java.util.Random;

/** Seeded random tensors for model inputs: normal(0,1) floats, small non-negative integers; unknown dims are 1. */
final class RandomInputs {
    /** Integers are drawn from [0, INT_BOUND) so they are valid as small indices and counts. */
    static final int INT_BOUND = 10;

    private final Random random;
    private final long maxBytes;

    RandomInputs(long seed, long maxBytes) {
        this.random = new Random(seed);
        this.maxBytes = maxBytes;
    }

    /** Sizes of symbolic dims already fixed by the inputs given (so random inputs agree with them). */
    private final java.util.Map<String, Integer> symbols = new java.util.HashMap<>();

    /** Records the sizes the given tensor binds to the symbolic dims of its declared shape. */
    void bind(ValueInfo info, Tensor given) {
        List<Dim> dims = info.fact().dims();
        if (dims == null || dims.size() != given.rank()) return;
        for (int i = 0; i < dims.size(); i++) {
            if (dims.get(i).isSymbolic()) symbols.putIfAbsent(dims.get(i).symbol(), given.shape()[i]);
        }
    }

    /** The shape used for a declared fact: known dims as given, symbolic dims as bound (else 1), unknown dims as 1. */
    int[] concreteShape(ValueInfo info) {
        Fact f = info.fact();
        if (f.dims() == null) {
            throw new CliException("input '" + info.name() + "' has no declared shape (not even a rank); "
                    + "give it with --input " + info.name() + "=FILE.pb");
        }
        List<Dim> dims = f.dims();
        int[] shape = new int[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            Dim d = dims.get(i);
            if (d.isSymbolic()) shape[i] = symbols.getOrDefault(d.symbol(), 1);
            else if (!d.isKnown()) shape[i] = 1;
            else if (d.value() > Integer.MAX_VALUE) {
                throw new CliException("input '" + info.name() + "': dimension " + i + " (" + d.value() + ") is too large");
            } else shape[i] = (int) d.value();
        }
        return shape;
    }

    Tensor make(ValueInfo info) {
        DType dtype = info.fact().dtype() == null ? DType.FLOAT : info.fact().dtype();
        int[] shape = concreteShape(info);
        long n = Shapes.sizeOrMinusOne(java.util.Arrays.stream(shape).asLongStream().toArray());
        long bytes = n * Math.max(1, dtype.byteSize());
        if (n < 0 || bytes > maxBytes) {
            throw new CliException("input '" + info.name() + "': a random " + dtype + " " + Shapes.toString(shape).replace(" ", "")
                    + " would be too large");
        }
        int size = (int) n;
        double[] v = new double[size];
        if (dtype == DType.STRING) {
            String[] s = new String[size];
            for (int i = 0; i < size; i++) s[i] = "s" + random.nextInt(INT_BOUND);
            return Tensor.of(s, shape);
        }
        for (int i = 0; i < size; i++) {
            if (dtype.isFloatingPoint()) v[i] = random.nextGaussian();
            else if (dtype == DType.BOOL) v[i] = random.nextBoolean() ? 1 : 0;
            else v[i] = random.nextInt(INT_BOUND);
        }
        return Tensor.fromDoubles(dtype, shape, v);
    }
}
