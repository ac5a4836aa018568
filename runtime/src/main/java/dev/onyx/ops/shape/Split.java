package dev.onyx.ops.shape;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * ONNX Split: cuts along an axis by sizes (attribute 'split' before opset 13, input after; an input in opset 1
 * too), into num_outputs parts from opset 18 (last part smaller), else into equal parts.
 */
public final class Split implements Op {
    private final long axis;
    private final long[] attrSplit;
    private final boolean splitInput;
    private final int outputs;

    private Split(long axis, long[] attrSplit, boolean splitInput, int outputs) {
        this.axis = axis;
        this.attrSplit = attrSplit;
        this.splitInput = splitInput;
        this.outputs = outputs;
    }

    static Op create(NodeContext ctx) {
        long axis = ctx.attrs().getInt("axis", 0);
        // a negative axis is accepted at every opset, as ONNX Runtime does (the spec allows it from 11)
        int outputs = ctx.outputCount();
        if (outputs < 1) throw ctx.invalid("expected at least 1 output");
        long[] split = null;
        boolean input = false;
        if (ctx.opset() < 13) {
            split = ctx.attrs().getInts("split");
            if (ctx.opset() == 1) {
                ctx.expectInputs(1, 2);
                input = ctx.hasInput(1) && split == null;
            } else {
                ctx.expectInputs(1, 1);
            }
        } else {
            ctx.expectInputs(1, 2);
            input = ctx.hasInput(1);
        }
        if (ctx.opset() >= 18 && ctx.attrs().has("num_outputs")) {
            long n = ctx.attrs().requireInt("num_outputs");
            if (input) throw ctx.invalid("both input 'split' and attribute 'num_outputs' are given");
            if (n != outputs) throw ctx.invalid("attribute 'num_outputs' is " + n + " but the node has " + outputs + " outputs");
        }
        if (split != null) {
            if (split.length != outputs) {
                throw ctx.invalid("attribute 'split' has " + split.length + " values for " + outputs + " outputs");
            }
            for (long v : split) if (v < 0) throw ctx.invalid("attribute 'split': negative size " + v);
        }
        return new Split(axis, split, input, outputs);
    }

    /** Part sizes for an axis of length len. */
    private long[] sizes(long len, long[] split) {
        if (split != null) {
            if (split.length != outputs) {
                throw new IllegalArgumentException("split has " + split.length + " values for " + outputs + " outputs");
            }
            long sum = 0;
            for (long v : split) {
                if (v < 0) throw new IllegalArgumentException("split has a negative size " + v);
                sum += v;
            }
            if (sum != len) {
                throw new IllegalArgumentException("split sizes " + java.util.Arrays.toString(split) + " add up to " + sum
                        + ", not the axis length " + len);
            }
            return split;
        }
        long chunk = (len + outputs - 1) / outputs;
        long[] s = new long[outputs];
        long left = len;
        for (int i = 0; i < outputs; i++) {
            s[i] = Math.min(chunk, left);
            left -= s[i];
        }
        return s;
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        Fact x = inputs.get(0);
        long[] split = splitInput ? ShapeUtil.constLongs(inputs.get(1)) : attrSplit;
        List<Fact> out = new ArrayList<>();
        if (!x.hasRank()) {
            for (int i = 0; i < outputs; i++) out.add(Fact.unknownShape(x.dtype()));
            return out;
        }
        int a = ShapeUtil.axis(axis, x.rank(), "Split");
        Dim d = x.dims().get(a);
        long[] s = null;
        if (split != null && split.length == outputs) s = split;
        else if (!splitInput && d.isKnown()) s = sizes(d.value(), null);
        for (int i = 0; i < outputs; i++) {
            List<Dim> dims = new ArrayList<>(x.dims());
            dims.set(a, s == null ? Dim.UNKNOWN : Dim.of(s[i]));
            out.add(Fact.of(x.dtype(), dims));
        }
        return out;
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        int[] shape = x.shape();
        int a = ShapeUtil.axis(axis, shape.length, "Split");
        long[] split = splitInput ? ShapeUtil.longs(inputs.get(1), "input 'split'") : attrSplit;
        long[] s = sizes(shape[a], split);
        int outer = Shapes.product(shape, 0, a);
        int inner = Shapes.product(shape, a + 1, shape.length);
        int row = shape[a] * inner;
        List<Tensor> out = new ArrayList<>(outputs);
        int offset = 0;
        for (int i = 0; i < outputs; i++) {
            int[] os = shape.clone();
            os[a] = (int) s[i];
            int part = os[a] * inner;
            Object dst = Tensor.allocate(x.dtype(), outer * part);
            for (int o = 0; o < outer; o++) System.arraycopy(x.storage(), o * row + offset, dst, o * part, part);
            offset += part;
            out.add(Tensor.wrap(x.dtype(), os, dst));
        }
        return out;
    }
}
