package dev.onyx.ops.control;

import dev.onyx.Session;
import dev.onyx.SessionOptions;
import dev.onyx.ir.Attribute;
import dev.onyx.ir.Attributes;
import dev.onyx.ir.Fact;
import dev.onyx.ir.Graph;
import dev.onyx.ir.Model;
import dev.onyx.ir.Node;
import dev.onyx.ir.ValueInfo;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small helpers to build graphs and models in tests. */
final class G {
    private G() {}

    static Node node(String op, List<String> in, List<String> out, Attribute... attrs) {
        return new Node(out.get(0) + "_node", op, "", in, out, Attributes.of(attrs));
    }

    static ValueInfo v(String name) { return new ValueInfo(name, Fact.UNKNOWN); }

    static List<ValueInfo> vs(String... names) {
        List<ValueInfo> l = new ArrayList<>();
        for (String n : names) l.add(v(n));
        return l;
    }

    static Graph graph(String name, List<Node> nodes, List<ValueInfo> inputs, List<ValueInfo> outputs) {
        return new Graph(name, nodes, inputs, outputs, Map.of(), Map.of());
    }

    static Graph graph(String name, List<Node> nodes, List<ValueInfo> inputs, List<ValueInfo> outputs, Map<String, Tensor> inits) {
        return new Graph(name, nodes, inputs, outputs, new LinkedHashMap<>(inits), Map.of());
    }

    static Model model(Graph g, int opset) {
        return new Model("test.onnx", 8, "", "", "", 0, "", Map.of("", opset), Map.of(), g);
    }

    static Session session(Graph g, int opset) { return Session.create(model(g, opset)); }

    static Session session(Graph g, int opset, SessionOptions o) { return Session.create(model(g, opset), o); }
}
