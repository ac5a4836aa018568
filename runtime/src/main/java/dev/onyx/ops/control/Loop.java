package dev.onyx.ops.control;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * Loop (all opsets): runs the body while the iteration count is below M (when given) and the
 * condition holds (when given), carrying N values and concatenating K scan outputs along a new
 * first axis. The body's condition output is honored even when the node has no cond input (as in
 * ONNX Runtime). A loop with no M whose body never yields false runs forever: that is the model's
 * problem, as in any runtime. Scan outputs are bounded: at
 * most 2^31 iterations and 2^31 elements each.
 */
final class Loop implements Op {
    private final Body body;
    private final int carried;
    private final int scans;
    private final int outputs;

    private Loop(Body body, int carried, int scans, int outputs) {
        this.body = body;
        this.carried = carried;
        this.scans = scans;
        this.outputs = outputs;
    }

    static Loop create(NodeContext ctx) {
        if (ctx.inputCount() < 2) throw ctx.invalid("expected at least 2 inputs (M, cond), got " + ctx.inputCount());
        int n = ctx.inputCount() - 2;
        for (int i = 2; i < ctx.inputCount(); i++) {
            if (!ctx.hasInput(i)) throw ctx.invalid("loop-carried input " + i + " is empty");
        }
        Body body = Body.of(ctx, "body");
        if (body.inputCount() != n + 2) {
            throw ctx.invalid("attribute 'body': expected " + (n + 2) + " inputs (iteration number, condition and "
                    + n + " loop-carried values), got " + body.inputCount());
        }
        int k = body.outputCount() - 1 - n;
        if (k < 0) {
            throw ctx.invalid("attribute 'body': expected at least " + (n + 1) + " outputs (condition and " + n
                    + " loop-carried values), got " + body.outputCount());
        }
        if (ctx.outputCount() > n + k) {
            throw ctx.invalid("the node has " + ctx.outputCount() + " outputs but the body produces " + (n + k));
        }
        return new Loop(body, n, k, ctx.outputCount());
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        List<Fact> r = new ArrayList<>();
        for (int i = 0; i < carried && r.size() < outputs; i++) {
            Fact init = inputs.get(2 + i);
            Fact next = body.outputFact(1 + i);
            DType dtype = init != null && init.dtype() != null ? init.dtype() : next.dtype();
            // the value may change shape from one iteration to the next: keep only what both agree on
            Fact merged = init == null ? Fact.unknownShape(dtype) : If.merge(init, next);
            r.add(new Fact(dtype, merged.dims(), null));
        }
        Dim count = Dim.UNKNOWN; // the body may stop the loop at any iteration
        for (int i = 0; i < scans && r.size() < outputs; i++) {
            Fact f = body.outputFact(1 + carried + i);
            if (f.dims() == null) {
                r.add(Fact.unknownShape(f.dtype()));
            } else {
                List<Dim> dims = new ArrayList<>();
                dims.add(count);
                dims.addAll(f.dims());
                r.add(Fact.of(f.dtype(), dims));
            }
        }
        return r;
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor m = inputs.get(0);
        Tensor c = inputs.get(1);
        long maxTrips = Long.MAX_VALUE;
        if (m != null) {
            if (m.size() != 1 || m.dtype() == DType.STRING) {
                throw new IllegalArgumentException("M: expected a single int64 value, got " + m.dtype() + " "
                        + dev.onyx.tensor.Shapes.toString(m.shape()));
            }
            maxTrips = m.getLong(0);
        }
        boolean keepGoing = c == null || If.condition(c, "cond");
        List<Tensor> values = new ArrayList<>(carried);
        for (int i = 0; i < carried; i++) values.add(inputs.get(2 + i));
        List<List<Tensor>> scanned = new ArrayList<>(scans);
        for (int i = 0; i < scans; i++) scanned.add(new ArrayList<>());
        long iter = 0;
        while (iter < maxTrips && keepGoing) {
            if (scans > 0 && iter >= Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("the loop ran " + iter + " iterations, too many to concatenate its scan outputs");
            }
            List<Tensor> in = new ArrayList<>(carried + 2);
            in.add(Tensor.scalar(iter));
            in.add(Tensor.of(new boolean[] {keepGoing}));
            in.addAll(values);
            List<Tensor> out = body.run(in, inputs);
            // as ONNX Runtime does, the body's condition output always counts, even without a cond input
            keepGoing = If.condition(out.get(0), "body condition output");
            for (int i = 0; i < carried; i++) values.set(i, out.get(1 + i));
            for (int i = 0; i < scans; i++) scanned.get(i).add(out.get(1 + carried + i));
            iter++;
        }
        List<Tensor> result = new ArrayList<>(outputs);
        for (int i = 0; i < carried && result.size() < outputs; i++) result.add(values.get(i));
        for (int i = 0; i < scans && result.size() < outputs; i++) {
            List<Tensor> l = scanned.get(i);
            Fact f = body.outputFact(1 + carried + i);
            DType dtype = l.isEmpty() ? Slices.dtypeOr(f, DType.FLOAT) : l.get(0).dtype();
            int[] elem = l.isEmpty() ? Slices.emptyElemShape(f) : l.get(0).shape();
            result.add(Slices.stack(l, l.size(), 0, false, dtype, elem, "scan output " + i));
        }
        return result;
    }
}
