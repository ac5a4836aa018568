package dev.onyx.ir;

import java.util.Map;

/**
 * A loaded model: the main graph, the opset version imported for each domain ("" is the default
 * ONNX domain), and the descriptive fields of the file. {@code source} names the file (or
 * "&lt;bytes&gt;") in error messages.
 */
public record Model(String source, long irVersion, String producerName, String producerVersion,
                    String domain, long modelVersion, String docString, Map<String, Integer> opsets,
                    Map<String, String> metadata, Graph graph) {
    public Model {
        opsets = Map.copyOf(opsets);
        metadata = Map.copyOf(metadata);
    }

    /** The default-domain opset version (ONNX's "ai.onnx"). */
    public int defaultOpset() {
        Integer v = opsets.get("");
        return v == null ? 0 : v;
    }
}
