package dev.onyx.ops.control;

import dev.onyx.ops.OpRegistry;

/** Registers the control-flow operators: If, Loop and Scan (tensor values only). */
public final class ControlOps {
    private ControlOps() {}

    public static void register(OpRegistry r) {
        // If-1/11/13/16...: same semantics on tensors; later versions only widen the types
        r.register("If", If::create);
        // Loop-1/11/13/16...: same semantics on tensors
        r.register("Loop", Loop::create);
        // Scan-8 is batched with sequence_lens; Scan-9 and later have per-input axes and directions
        r.register("Scan", 8, 8, Scan8::create);
        r.register("Scan", 9, OpRegistry.MAX_OPSET, Scan::create);
    }
}
