package dev.onyx.ops.control;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * Scan (opset 9 and later): iterates the body over slices of the scan inputs along
 * scan_input_axes (forward or reverse per scan_input_directions), carrying the state values, and
 * stacks the scan outputs along scan_output_axes (in reverse per scan_output_directions).
 * Negative axes are accepted from opset 11.
 */
final class Scan implements Op {
    private final Body body;
    private final int states;
    private final int scanInputs;
    private final int scanOutputs;
    private final int outputs;
    private final int[] inAxes;
    private final boolean[] inReverse;
    private final int[] outAxes;
    private final boolean[] outReverse;

    private Scan(Body body, int states, int scanInputs, int scanOutputs, int outputs, int[] inAxes,
                 boolean[] inReverse, int[] outAxes, boolean[] outReverse) {
        this.body = body;
        this.states = states;
        this.scanInputs = scanInputs;
        this.scanOutputs = scanOutputs;
        this.outputs = outputs;
        this.inAxes = inAxes;
        this.inReverse = inReverse;
        this.outAxes = outAxes;
        this.outReverse = outReverse;
    }

    static Scan create(NodeContext ctx) {
        long m = ctx.attrs().requireInt("num_scan_inputs");
        if (m < 1 || m > ctx.inputCount()) {
            throw ctx.invalid("attribute 'num_scan_inputs': expected 1 to " + ctx.inputCount() + " (the input count), got " + m);
        }
        int mi = (int) m;
        int n = ctx.inputCount() - mi;
        for (int i = 0; i < ctx.inputCount(); i++) if (!ctx.hasInput(i)) throw ctx.invalid("input " + i + " is empty");
        Body body = Body.of(ctx, "body");
        if (body.inputCount() != n + mi) {
            throw ctx.invalid("attribute 'body': expected " + (n + mi) + " inputs (" + n + " states and " + mi
                    + " scan inputs), got " + body.inputCount());
        }
        int k = body.outputCount() - n;
        if (k < 0) throw ctx.invalid("attribute 'body': expected at least " + n + " outputs (the states), got " + body.outputCount());
        if (ctx.outputCount() > n + k) {
            throw ctx.invalid("the node has " + ctx.outputCount() + " outputs but the body produces " + (n + k));
        }
        boolean negativeOk = ctx.opset() >= 11;
        int[] inAxes = axes(ctx, "scan_input_axes", mi, negativeOk);
        boolean[] inRev = directions(ctx, "scan_input_directions", mi);
        int[] outAxes = axes(ctx, "scan_output_axes", k, negativeOk);
        boolean[] outRev = directions(ctx, "scan_output_directions", k);
        return new Scan(body, n, mi, k, ctx.outputCount(), inAxes, inRev, outAxes, outRev);
    }

    private static int[] axes(NodeContext ctx, String name, int count, boolean negativeOk) {
        int[] a = ctx.attrs().getIntArray(name);
        if (a == null) return new int[count];
        if (a.length != count) throw ctx.invalid("attribute '" + name + "': expected " + count + " values, got " + a.length);
        for (int v : a) {
            if (v < 0 && !negativeOk) throw ctx.invalid("attribute '" + name + "': negative axis " + v + " needs opset 11");
        }
        return a;
    }

    static boolean[] directions(NodeContext ctx, String name, int count) {
        long[] d = ctx.attrs().getInts(name);
        boolean[] r = new boolean[count];
        if (d == null) return r;
        if (d.length != count) throw ctx.invalid("attribute '" + name + "': expected " + count + " values, got " + d.length);
        for (int i = 0; i < count; i++) {
            if (d[i] != 0 && d[i] != 1) throw ctx.invalid("attribute '" + name + "': expected 0 (forward) or 1 (reverse), got " + d[i]);
            r[i] = d[i] == 1;
        }
        return r;
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        List<Fact> r = new ArrayList<>();
        for (int i = 0; i < states && r.size() < outputs; i++) {
            Fact init = inputs.get(i);
            Fact next = body.outputFact(i);
            r.add(new Fact(init.dtype() != null ? init.dtype() : next.dtype(),
                    init.dims() != null ? init.dims() : next.dims(), null));
        }
        Dim length = Dim.UNKNOWN;
        Fact first = inputs.get(states);
        if (first.dims() != null) {
            int rank = first.dims().size();
            int a = inAxes[0] < 0 ? inAxes[0] + rank : inAxes[0];
            if (a >= 0 && a < rank) length = first.dims().get(a);
        }
        for (int k = 0; k < scanOutputs && r.size() < outputs; k++) {
            Fact f = body.outputFact(states + k);
            if (f.dims() == null) {
                r.add(Fact.unknownShape(f.dtype()));
                continue;
            }
            int rank = f.dims().size() + 1;
            int a = outAxes[k] < 0 ? outAxes[k] + rank : outAxes[k];
            if (a < 0 || a >= rank) {
                r.add(Fact.unknownShape(f.dtype()));
                continue;
            }
            List<Dim> dims = new ArrayList<>(f.dims());
            dims.add(a, length);
            r.add(Fact.of(f.dtype(), dims));
        }
        return r;
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        List<Tensor> init = new ArrayList<>(inputs.subList(0, states));
        List<Tensor> scanIn = new ArrayList<>(inputs.subList(states, states + scanInputs));
        int[] axes = new int[scanInputs];
        int length = -1;
        for (int j = 0; j < scanInputs; j++) {
            Tensor t = scanIn.get(j);
            axes[j] = Shapes.axis(inAxes[j], t.rank());
            int len = t.shape()[axes[j]];
            if (length >= 0 && len != length) {
                throw new IllegalArgumentException("scan input " + j + " has " + len + " elements along axis " + axes[j]
                        + " but scan input 0 has " + length);
            }
            length = len;
        }
        ScanLoop.Result res = ScanLoop.iterate(body, init, scanIn, axes, inReverse, length, scanOutputs, inputs);
        List<Tensor> result = new ArrayList<>(outputs);
        for (int i = 0; i < states && result.size() < outputs; i++) result.add(res.states().get(i));
        for (int k = 0; k < scanOutputs && result.size() < outputs; k++) {
            List<Tensor> l = res.scanned().get(k);
            Fact f = body.outputFact(states + k);
            DType dtype = l.isEmpty() ? Slices.dtypeOr(f, DType.FLOAT) : l.get(0).dtype();
            int[] elem = l.isEmpty() ? Slices.emptyElemShape(f) : l.get(0).shape();
            int axis = Shapes.axis(outAxes[k], elem.length + 1);
            result.add(Slices.stack(l, length, axis, outReverse[k], dtype, elem, "scan output " + k));
        }
        return result;
    }
}
