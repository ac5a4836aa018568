package dev.onyx.ops;

import dev.onyx.ir.Fact;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * An operator instance bound to one node: its attributes were read and checked when it was created
 * (see {@link OpFactory}), so {@link #run} only computes. Ops are immutable and shared by all
 * threads running a session.
 */
public interface Op {
    /**
     * Output facts (type, shape) from input facts, before running. Absent optional inputs are null.
     * Return one fact per node output. When something cannot be known, use {@link Fact#UNKNOWN} or
     * unknown dims; throw {@link dev.onyx.InvalidModelException} when the inputs cannot be valid.
     * The session folds nodes whose inputs are all small constants by running them, so infer need not.
     */
    List<Fact> infer(List<Fact> inputs);

    /**
     * Computes the outputs. Absent optional inputs are null. Returns one tensor per node output;
     * an entry may be null for an optional output that was not asked for.
     */
    List<Tensor> run(List<Tensor> inputs);

    /** n copies of UNKNOWN, for ops that cannot say more. */
    static List<Fact> unknown(int n) {
        List<Fact> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) l.add(Fact.UNKNOWN);
        return l;
    }
}
