package dev.onyx.ops.shape;

import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;

/** The 'reduction' of ScatterElements and ScatterND: how an update combines with the existing element. */
enum Reduction {
    NONE, ADD, MUL, MAX, MIN;

    /** Parses the attribute for an opset: add/mul from 16, max/min from 18. */
    static Reduction parse(dev.onyx.ops.NodeContext ctx) {
        if (ctx.opset() < 16) return NONE;
        String s = ctx.attrs().getString("reduction", "none");
        Reduction r = switch (s) {
            case "none" -> NONE;
            case "add" -> ADD;
            case "mul" -> MUL;
            case "max" -> MAX;
            case "min" -> MIN;
            default -> throw ctx.invalid("attribute 'reduction': unknown value '" + s + "'");
        };
        if ((r == MAX || r == MIN) && ctx.opset() < 18) {
            throw ctx.invalid("attribute 'reduction': '" + s + "' needs opset 18");
        }
        return r;
    }

    /**
     * out[dst] = reduce(out[dst], updates[src]); {@code view} reads the writer's current storage.
     */
    void apply(Tensor.Writer out, Tensor view, int dst, Tensor updates, int src) {
        DType dt = updates.dtype();
        if (this == NONE) {
            System.arraycopy(updates.storage(), src, out.storage(), dst, 1);
            return;
        }
        if (dt == DType.STRING) throw new IllegalArgumentException("reduction " + name().toLowerCase() + " on strings");
        if (dt.isIntegral()) {
            long a = view.getLong(dst), b = updates.getLong(src);
            boolean unsigned = dt == DType.UINT64;
            long r = switch (this) {
                case ADD -> dt == DType.BOOL ? a | b : a + b;
                case MUL -> dt == DType.BOOL ? a & b : a * b;
                case MAX -> (unsigned ? Long.compareUnsigned(a, b) : Long.compare(a, b)) >= 0 ? a : b;
                case MIN -> (unsigned ? Long.compareUnsigned(a, b) : Long.compare(a, b)) <= 0 ? a : b;
                default -> throw new IllegalStateException();
            };
            out.setLong(dst, r);
        } else {
            double a = view.getDouble(dst), b = updates.getDouble(src);
            double r = switch (this) {
                case ADD -> a + b;
                case MUL -> a * b;
                case MAX -> Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.max(a, b);
                case MIN -> Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.min(a, b);
                default -> throw new IllegalStateException();
            };
            out.setDouble(dst, r);
        }
    }

    /** A writer holding a copy of data, and a view reading the same storage. */
    static Tensor.Writer copyOf(Tensor data) {
        Tensor.Writer w = new Tensor.Writer(data.dtype(), data.shape());
        System.arraycopy(data.storage(), 0, w.storage(), 0, data.size());
        return w;
    }
}
