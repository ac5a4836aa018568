package dev.onyx.ops.norm;

import dev.onyx.InvalidModelException;
import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.kernel.ReduceKernel;
import dev.onyx.kernel.ReduceKernel.Kind;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * The ONNX Reduce* operators (Sum, Mean, Max, Min, Prod, L1, L2, LogSum, LogSumExp, SumSquare).
 * Axes are an attribute before opset 18 (ReduceSum: before 13) and an optional int64 input after;
 * absent or empty axes reduce everything, or nothing when {@code noop_with_empty_axes} is set.
 * Reducing an empty set gives the identity: 0 for sums, 1 for products, -inf (or the type's lowest
 * value) for Max, +inf (highest) for Min, -inf for LogSum/LogSumExp, NaN for Mean.
 */
public final class ReduceOp implements Op {
    private final Kind kind;
    private final String opType;
    private final long[] attrAxes;
    private final boolean axesInput;
    private final boolean keepdims;
    private final boolean noopWithEmptyAxes;
    private final boolean allowBool;

    private ReduceOp(Kind kind, String opType, long[] attrAxes, boolean axesInput, boolean keepdims,
                     boolean noop, boolean allowBool) {
        this.kind = kind;
        this.opType = opType;
        this.attrAxes = attrAxes;
        this.axesInput = axesInput;
        this.keepdims = keepdims;
        this.noopWithEmptyAxes = noop;
        this.allowBool = allowBool;
    }

    public static Op create(NodeContext ctx, Kind kind) {
        String opType = ctx.node().opType();
        int opset = ctx.opset();
        boolean axesInput = kind == Kind.SUM ? opset >= 13 : opset >= 18;
        long[] axes = null;
        if (axesInput) {
            ctx.expectInputs(1, 2);
            if (ctx.attrs().has("axes")) throw ctx.invalid("attribute 'axes' is an input from opset " + (kind == Kind.SUM ? 13 : 18));
        } else {
            ctx.expectInputs(1, 1);
            axes = ctx.attrs().getInts("axes");
            if (axes != null) checkDistinct(axes, ctx);
        }
        long keep = ctx.attrs().getInt("keepdims", 1);
        if (keep != 0 && keep != 1) throw ctx.invalid("attribute 'keepdims': expected 0 or 1, got " + keep);
        long noop = axesInput ? ctx.attrs().getInt("noop_with_empty_axes", 0) : 0;
        if (noop != 0 && noop != 1) throw ctx.invalid("attribute 'noop_with_empty_axes': expected 0 or 1, got " + noop);
        boolean allowBool = (kind == Kind.MAX || kind == Kind.MIN) && opset >= 20;
        return new ReduceOp(kind, opType, axes, axesInput, keep == 1, noop == 1, allowBool);
    }

    private static void checkDistinct(long[] axes, NodeContext ctx) {
        for (int i = 0; i < axes.length; i++) {
            for (int j = i + 1; j < axes.length; j++) {
                if (axes[i] == axes[j]) throw ctx.invalid("attribute 'axes': axis " + axes[i] + " is repeated");
            }
        }
    }

    private void checkType(DType t, boolean atRun) {
        boolean ok = t.isFloatingPoint() || t.isInteger() || (t == DType.BOOL && allowBool);
        if (!ok) {
            String msg = opType + ": unsupported input type " + t;
            throw atRun ? new IllegalArgumentException(msg) : new InvalidModelException(msg);
        }
    }

    /** Which axes are reduced, or null for none (identity); axes null means "not given". */
    private boolean[] reducedAxes(long[] axes, int rank) {
        boolean[] r = new boolean[rank];
        if (axes == null || axes.length == 0) {
            if (noopWithEmptyAxes) return null;
            java.util.Arrays.fill(r, true);
            return r;
        }
        for (long a : axes) {
            int k = Values.axis(a, rank, "axes: axis");
            if (r[k]) throw new IllegalArgumentException("axes: axis " + a + " is repeated");
            r[k] = true;
        }
        return r;
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        Fact x = inputs.get(0);
        if (x.dtype() != null) checkType(x.dtype(), false);
        long[] axes = attrAxes;
        if (axesInput && inputs.size() > 1 && inputs.get(1) != null) {
            Fact a = inputs.get(1);
            if (a.constant() == null) {
                if (!x.hasRank() || !keepdims) return List.of(Fact.unknownShape(x.dtype()));
                List<Dim> dims = new ArrayList<>();
                for (Dim d : x.dims()) dims.add(d.isKnown() && d.value() == 1 ? d : Dim.UNKNOWN);
                return List.of(Fact.of(x.dtype(), dims));
            }
            axes = Values.longs(a.constant(), "axes");
        }
        if (!x.hasRank()) return List.of(Fact.unknownShape(x.dtype()));
        boolean[] red;
        try {
            red = reducedAxes(axes, x.rank());
        } catch (IllegalArgumentException e) {
            throw new InvalidModelException(e.getMessage());
        }
        if (red == null) return List.of(Values.same(x));
        List<Dim> dims = new ArrayList<>();
        for (int i = 0; i < red.length; i++) {
            if (!red[i]) dims.add(x.dims().get(i));
            else if (keepdims) dims.add(Dim.of(1));
        }
        return List.of(Fact.of(x.dtype(), dims));
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        checkType(x.dtype(), true);
        long[] axes = attrAxes;
        if (axesInput && inputs.size() > 1 && inputs.get(1) != null) axes = Values.longs(inputs.get(1), "axes");
        int[] shape = x.shape();
        boolean[] red = reducedAxes(axes, shape.length);
        if (red == null) return List.of(x);
        List<Integer> outDims = new ArrayList<>();
        List<Integer> keptDims = new ArrayList<>();
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            if (red[i]) {
                count *= shape[i];
                if (keepdims) outDims.add(1);
            } else {
                outDims.add(shape[i]);
                keptDims.add(shape[i]);
            }
        }
        int[] outShape = outDims.stream().mapToInt(Integer::intValue).toArray();
        int slots = 1;
        for (int d : keptDims) slots *= d;
        int[] map = ReduceKernel.slots(shape, red);
        DType t = x.dtype();
        if (t.isFloatingPoint() || kind == Kind.L2 || kind == Kind.LOG_SUM || kind == Kind.LOG_SUM_EXP) {
            double[] out = new double[slots];
            ReduceKernel.reduce(kind, Values.read(x), map, out, count);
            if (t.isFloatingPoint()) return List.of(Values.write(t, outShape, out));
            Tensor.Writer w = new Tensor.Writer(t, outShape);
            for (int i = 0; i < slots; i++) w.setLong(i, toLong(out[i]));
            return List.of(w.done());
        }
        long[] in = new long[x.size()];
        for (int i = 0; i < in.length; i++) in[i] = x.getLong(i);
        long[] out = new long[slots];
        ReduceKernel.reduce(kind, in, map, out, count, t == DType.UINT64, lowest(t), highest(t));
        Tensor.Writer w = new Tensor.Writer(t, outShape);
        for (int i = 0; i < slots; i++) w.setLong(i, out[i]);
        return List.of(w.done());
    }

    private static long toLong(double v) {
        if (Double.isNaN(v)) return 0;
        return (long) v;
    }

    private static long lowest(DType t) {
        return switch (t) {
            case INT8 -> Byte.MIN_VALUE;
            case INT16 -> Short.MIN_VALUE;
            case INT32 -> Integer.MIN_VALUE;
            case INT64 -> Long.MIN_VALUE;
            default -> 0; // unsigned types and bool
        };
    }

    private static long highest(DType t) {
        return switch (t) {
            case INT8 -> Byte.MAX_VALUE;
            case UINT8 -> 0xff;
            case INT16 -> Short.MAX_VALUE;
            case UINT16 -> 0xffff;
            case INT32 -> Integer.MAX_VALUE;
            case UINT32 -> 0xffffffffL;
            case INT64 -> Long.MAX_VALUE;
            case UINT64 -> -1L;
            case BOOL -> 1;
            default -> 0;
        };
    }
}
