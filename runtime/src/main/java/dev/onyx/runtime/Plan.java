package dev.onyx.runtime;

import dev.onyx.ir.Fact;
import dev.onyx.ir.ValueInfo;
import dev.onyx.tensor.Tensor;

import java.util.List;
import java.util.Map;

/**
 * A compiled graph, immutable and shared by all runs: every value has a slot; constants
 * (initializers and folded values) are filled in; steps run in order.
 *
 * @param slots      slot index by value name
 * @param constants  per slot, the constant value or null
 * @param facts      per slot, what is known before running
 * @param inputs     graph inputs a caller may feed (initializer-backed inputs included, with their default in constants)
 * @param outputs    graph outputs with their facts
 * @param steps      nodes to run, in order
 */
public record Plan(String source, Map<String, Integer> slots, Tensor[] constants, Fact[] facts,
                   List<ValueInfo> inputs, List<ValueInfo> outputs, List<Step> steps) {
    public int slot(String name) {
        Integer s = slots.get(name);
        return s == null ? -1 : s;
    }
}
