package dev.onyx.ops.control;

import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/** The iteration shared by Scan-8 and Scan-9+: runs the body once per slice of the scan inputs. */
final class ScanLoop {
    private ScanLoop() {}

    /** Final states, and per scan output the values of every iteration in iteration order. */
    record Result(List<Tensor> states, List<List<Tensor>> scanned) {}

    static Result iterate(Body body, List<Tensor> states, List<Tensor> scanInputs, int[] axes, boolean[] reverse,
                          int length, int scanOutputs, List<Tensor> nodeInputs) {
        int n = states.size();
        List<Tensor> current = new ArrayList<>(states);
        List<List<Tensor>> scanned = new ArrayList<>(scanOutputs);
        for (int k = 0; k < scanOutputs; k++) scanned.add(new ArrayList<>(length));
        for (int t = 0; t < length; t++) {
            List<Tensor> in = new ArrayList<>(n + scanInputs.size());
            in.addAll(current);
            for (int j = 0; j < scanInputs.size(); j++) {
                in.add(Slices.slice(scanInputs.get(j), axes[j], reverse[j] ? length - 1 - t : t));
            }
            List<Tensor> out = body.run(in, nodeInputs);
            for (int i = 0; i < n; i++) current.set(i, out.get(i));
            for (int k = 0; k < scanOutputs; k++) scanned.get(k).add(out.get(n + k));
        }
        return new Result(current, scanned);
    }
}
