package dev.onyx.runtime;

import dev.onyx.ir.ValueInfo;
import dev.onyx.ops.Subgraph;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A {@link Subgraph} backed by a {@link Plan} and its own {@link Executor}. */
final class CompiledSubgraph implements Subgraph {
    private final Plan plan;
    private final Executor executor;
    private final List<String> outerNames;
    private final List<String> outputNames;
    private final int[] inputSlots;
    private final int[] outerSlots;

    CompiledSubgraph(Plan plan, List<String> outerNames) {
        this.plan = plan;
        this.executor = new Executor(plan);
        this.outerNames = List.copyOf(outerNames);
        List<String> outs = new ArrayList<>();
        for (ValueInfo v : plan.outputs()) outs.add(v.name());
        this.outputNames = List.copyOf(outs);
        this.inputSlots = plan.inputs().stream().mapToInt(v -> plan.slot(v.name())).toArray();
        this.outerSlots = outerNames.stream().mapToInt(plan::slot).toArray();
    }

    @Override public List<ValueInfo> inputs() { return plan.inputs(); }

    @Override public List<ValueInfo> outputs() { return plan.outputs(); }

    @Override public List<String> outerNames() { return outerNames; }

    @Override
    public List<Tensor> run(List<Tensor> inputs, List<Tensor> outer) {
        if (inputs.size() != inputSlots.length) {
            throw new IllegalArgumentException("the subgraph takes " + inputSlots.length + " inputs, got " + inputs.size());
        }
        if (outer.size() != outerSlots.length) {
            throw new IllegalArgumentException("the subgraph reads " + outerSlots.length + " outer values, got " + outer.size());
        }
        Tensor[] bySlot = new Tensor[plan.constants().length];
        for (int i = 0; i < outerSlots.length; i++) {
            if (outerSlots[i] >= 0) bySlot[outerSlots[i]] = outer.get(i);
        }
        for (int i = 0; i < inputSlots.length; i++) {
            Tensor t = inputs.get(i);
            if (t == null) throw new IllegalArgumentException("subgraph input '" + plan.inputs().get(i).name() + "' has no value");
            bySlot[inputSlots[i]] = t;
        }
        Map<String, Tensor> out = executor.run(bySlot, outputNames);
        List<Tensor> result = new ArrayList<>(outputNames.size());
        for (String name : outputNames) result.add(out.get(name));
        return result;
    }
}
