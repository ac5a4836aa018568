package dev.onyx.ir;

import dev.onyx.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A computation: nodes (as listed in the file; the session sorts them), graph inputs and outputs,
 * constant initializers and whatever value_info the file declares for intermediate values.
 * Initializers that are also listed as inputs are inputs with a default value.
 */
public record Graph(String name, List<Node> nodes, List<ValueInfo> inputs, List<ValueInfo> outputs,
                    Map<String, Tensor> initializers, Map<String, Fact> valueInfo) {
    public Graph {
        name = name == null ? "" : name;
        nodes = List.copyOf(nodes);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        initializers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(initializers));
        valueInfo = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(valueInfo));
    }
}
