package dev.onyx.runtime;

import dev.onyx.ir.Node;
import dev.onyx.ops.Op;

/**
 * One node of a plan: its op and the slots it reads and writes (-1 for an absent optional input or
 * output).
 */
public record Step(Node node, int opset, Op op, int[] inputs, int[] outputs) {
    /** "node 'x' (Conv, opset 13)", the prefix of every error about this step. */
    public String describe() {
        String d = node.toString();
        return d.substring(0, d.length() - 1) + ", opset " + opset + ")";
    }
}
