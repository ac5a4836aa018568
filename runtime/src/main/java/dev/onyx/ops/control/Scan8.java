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
 * Scan-8: batched (axis 0 is the batch, axis 1 the sequence of every scan input), with optional
 * per-batch sequence_lens (scan outputs zero-padded to the longest sequence) and per-input directions.
 */
final class Scan8 implements Op {
    private final Body body;
    private final int states;
    private final int scanInputs;
    private final int scanOutputs;
    private final int outputs;
    private final boolean[] reverse;

    private Scan8(Body body, int states, int scanInputs, int scanOutputs, int outputs, boolean[] reverse) {
        this.body = body;
        this.states = states;
        this.scanInputs = scanInputs;
        this.scanOutputs = scanOutputs;
        this.outputs = outputs;
        this.reverse = reverse;
    }

    static Scan8 create(NodeContext ctx) {
        long m = ctx.attrs().requireInt("num_scan_inputs");
        int variadic = ctx.inputCount() - 1;
        if (m < 1 || m > variadic) {
            throw ctx.invalid("attribute 'num_scan_inputs': expected 1 to " + variadic + ", got " + m);
        }
        int mi = (int) m;
        int n = variadic - mi;
        for (int i = 1; i < ctx.inputCount(); i++) if (!ctx.hasInput(i)) throw ctx.invalid("input " + i + " is empty");
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
        return new Scan8(body, n, mi, k, ctx.outputCount(), Scan.directions(ctx, "directions", mi));
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        List<Fact> r = new ArrayList<>();
        Fact first = inputs.get(1 + states);
        Dim batch = first.dims() != null && first.dims().size() >= 2 ? first.dims().get(0) : Dim.UNKNOWN;
        Dim seq = first.dims() != null && first.dims().size() >= 2 ? first.dims().get(1) : Dim.UNKNOWN;
        for (int i = 0; i < states && r.size() < outputs; i++) {
            Fact init = inputs.get(1 + i);
            r.add(new Fact(init.dtype() != null ? init.dtype() : body.outputFact(i).dtype(), init.dims(), null));
        }
        for (int k = 0; k < scanOutputs && r.size() < outputs; k++) {
            Fact f = body.outputFact(states + k);
            if (f.dims() == null) {
                r.add(Fact.unknownShape(f.dtype()));
                continue;
            }
            List<Dim> dims = new ArrayList<>();
            dims.add(batch);
            dims.add(seq);
            dims.addAll(f.dims());
            r.add(Fact.of(f.dtype(), dims));
        }
        return r;
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        List<Tensor> init = inputs.subList(1, 1 + states);
        List<Tensor> scanIn = inputs.subList(1 + states, 1 + states + scanInputs);
        int batch = -1;
        int maxSeq = -1;
        for (int j = 0; j < scanInputs; j++) {
            Tensor t = scanIn.get(j);
            if (t.rank() < 2) {
                throw new IllegalArgumentException("scan input " + j + ": expected [batch, sequence, ...], got shape "
                        + Shapes.toString(t.shape()));
            }
            if (batch >= 0 && (t.shape()[0] != batch || t.shape()[1] != maxSeq)) {
                throw new IllegalArgumentException("scan input " + j + " has shape " + Shapes.toString(t.shape())
                        + " but scan input 0 has batch " + batch + " and sequence length " + maxSeq);
            }
            batch = t.shape()[0];
            maxSeq = t.shape()[1];
        }
        for (int i = 0; i < states; i++) {
            Tensor s = init.get(i);
            if (s.rank() < 1 || s.shape()[0] != batch) {
                throw new IllegalArgumentException("state " + i + ": expected batch " + batch + " on axis 0, got shape "
                        + Shapes.toString(s.shape()));
            }
        }
        int[] lens = new int[batch];
        Tensor sl = inputs.get(0);
        for (int b = 0; b < batch; b++) {
            if (sl == null) {
                lens[b] = maxSeq;
                continue;
            }
            if (sl.size() != batch) {
                throw new IllegalArgumentException("sequence_lens: expected " + batch + " values, got " + sl.size());
            }
            long v = sl.getLong(b);
            if (v < 0 || v > maxSeq) {
                throw new IllegalArgumentException("sequence_lens[" + b + "] = " + v + " is outside [0, " + maxSeq + "]");
            }
            lens[b] = (int) v;
        }
        int[] axes = new int[scanInputs];
        List<List<Tensor>> finalStates = new ArrayList<>();
        for (int i = 0; i < states; i++) finalStates.add(new ArrayList<>());
        List<List<List<Tensor>>> scans = new ArrayList<>(); // [b][k][t]
        for (int b = 0; b < batch; b++) {
            List<Tensor> st = new ArrayList<>(states);
            for (Tensor s : init) st.add(Slices.slice(s, 0, b));
            List<Tensor> sc = new ArrayList<>(scanInputs);
            for (Tensor s : scanIn) sc.add(Slices.slice(s, 0, b)); // the sequence axis becomes axis 0
            ScanLoop.Result res = ScanLoop.iterate(body, st, sc, axes, reverse, lens[b], scanOutputs, inputs);
            for (int i = 0; i < states; i++) finalStates.get(i).add(res.states().get(i));
            scans.add(res.scanned());
        }
        List<Tensor> result = new ArrayList<>(outputs);
        for (int i = 0; i < states && result.size() < outputs; i++) {
            List<Tensor> l = finalStates.get(i);
            int[] elem = l.isEmpty() ? dropFirst(init.get(i).shape()) : l.get(0).shape();
            result.add(Slices.stack(l, batch, 0, false, init.get(i).dtype(), elem, "state " + i));
        }
        for (int k = 0; k < scanOutputs && result.size() < outputs; k++) {
            Tensor sample = null;
            for (List<List<Tensor>> s : scans) if (!s.get(k).isEmpty()) { sample = s.get(k).get(0); break; }
            Fact f = body.outputFact(states + k);
            DType dtype = sample != null ? sample.dtype() : Slices.dtypeOr(f, DType.FLOAT);
            int[] elem = sample != null ? sample.shape() : Slices.emptyElemShape(f);
            List<Tensor> perBatch = new ArrayList<>(batch);
            for (List<List<Tensor>> s : scans) {
                perBatch.add(Slices.stack(s.get(k), maxSeq, 0, false, dtype, elem, "scan output " + k));
            }
            int[] padded = new int[elem.length + 1];
            padded[0] = maxSeq;
            System.arraycopy(elem, 0, padded, 1, elem.length);
            result.add(Slices.stack(perBatch, batch, 0, false, dtype, padded, "scan output " + k));
        }
        return result;
    }

    private static int[] dropFirst(int[] s) {
        int[] r = new int[s.length - 1];
        System.arraycopy(s, 1, r, 0, r.length);
        return r;
    }
}
