package dev.onyx.ir;

import java.util.List;

/**
 * One operator invocation. Inputs and outputs are value names; an empty name marks an optional
 * input or output that is absent.
 */
public record Node(String name, String opType, String domain, List<String> inputs, List<String> outputs,
                   Attributes attributes) {
    public Node {
        name = name == null ? "" : name;
        domain = normalizeDomain(domain);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        attributes = attributes == null ? Attributes.EMPTY : attributes;
    }

    /** "" and "ai.onnx" are the same default domain. */
    public static String normalizeDomain(String domain) {
        return domain == null || domain.equals("ai.onnx") ? "" : domain;
    }

    /** The node's name, or a stand-in built from its op and first output when it has none. */
    public String displayName() {
        if (!name.isEmpty()) return name;
        return opType + (outputs.isEmpty() ? "" : "->" + outputs.get(0));
    }

    /** Input i, or "" when the node has fewer inputs. */
    public String input(int i) { return i < inputs.size() ? inputs.get(i) : ""; }

    public boolean hasInput(int i) { return !input(i).isEmpty(); }

    @Override
    public String toString() {
        return "node '" + displayName() + "' (" + (domain.isEmpty() ? "" : domain + ".") + opType + ")";
    }
}
