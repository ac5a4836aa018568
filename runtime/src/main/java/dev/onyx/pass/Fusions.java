package dev.onyx.pass;

import dev.onyx.ir.Attribute;
import dev.onyx.ir.Attributes;
import dev.onyx.ir.Node;
import dev.onyx.ops.fused.Activation;
import dev.onyx.ops.fused.FusedOps;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Shared pieces of the fusion passes: recognizing an activation node and building a fused node. */
final class Fusions {
    private Fusions() {}

    /** An activation and its parameters, as read off an ONNX activation node. */
    record Act(Activation kind, float[] params) {}

    /** The activation a default-domain node computes on its first input, or null when it is not one we fuse. */
    static Act activationOf(Node n, GraphView view) {
        if (!n.domain().isEmpty() || n.outputs().size() != 1) return null;
        Attributes a = n.attributes();
        return switch (n.opType()) {
            case "Relu" -> new Act(Activation.RELU, new float[0]);
            case "Sigmoid" -> new Act(Activation.SIGMOID, new float[0]);
            case "Tanh" -> new Act(Activation.TANH, new float[0]);
            case "HardSwish" -> new Act(Activation.HARD_SWISH, new float[0]);
            case "LeakyRelu" -> new Act(Activation.LEAKY_RELU, new float[] {a.getFloat("alpha", 0.01f)});
            case "HardSigmoid" -> new Act(Activation.HARD_SIGMOID, new float[] {a.getFloat("alpha", 0.2f), a.getFloat("beta", 0.5f)});
            case "Clip" -> clip(n, view);
            default -> null;
        };
    }

    private static Act clip(Node n, GraphView view) {
        float lo = -Float.MAX_VALUE;
        float hi = Float.MAX_VALUE;
        if (n.attributes().has("min") || n.attributes().has("max")) {
            lo = n.attributes().getFloat("min", lo);
            hi = n.attributes().getFloat("max", hi);
        }
        if (n.hasInput(1)) {
            Tensor t = view.constant(n.input(1));
            if (t == null || t.size() != 1) return null;
            lo = (float) t.getDouble(0);
        }
        if (n.hasInput(2)) {
            Tensor t = view.constant(n.input(2));
            if (t == null || t.size() != 1) return null;
            hi = (float) t.getDouble(0);
        }
        return new Act(Activation.CLIP, new float[] {lo, hi});
    }

    /** Default-domain Conv/Gemm, or a fused node still without an activation. */
    /** A default-domain Conv or a FusedConv without residual, with one output and at most X, W and B. */
    static boolean isConvWithoutResidual(Node n) {
        boolean plain = n.domain().isEmpty() && n.opType().equals("Conv");
        boolean fused = n.domain().equals(dev.onyx.ops.fused.FusedOps.DOMAIN) && n.opType().equals("FusedConv");
        if (!plain && !fused) return false;
        for (int i = 3; i < n.inputs().size(); i++) if (!n.inputs().get(i).isEmpty()) return false;
        return n.outputs().size() == 1 && n.hasInput(0) && n.hasInput(1);
    }

    static boolean isFusableBase(Node n, String baseOp) {
        if (n.domain().isEmpty()) return n.opType().equals(baseOp);
        return n.domain().equals(FusedOps.DOMAIN) && n.opType().equals("Fused" + baseOp)
                && n.attributes().getString("activation", "").isEmpty();
    }

    /** A fused node with the base node's inputs and attributes, an optional residual, and an activation. */
    static Node fused(Node base, String baseOp, int opset, String residual, Act act, String output) {
        Map<String, Attribute> attrs = new LinkedHashMap<>(base.attributes().asMap());
        if (act != null) {
            attrs.put("activation", Attribute.ofString("activation", act.kind().onnxName()));
            List<Float> p = new ArrayList<>();
            for (float f : act.params()) p.add(f);
            attrs.put("activation_params", Attribute.ofFloats("activation_params", p));
        }
        attrs.putIfAbsent("opset", Attribute.ofInt("opset", opset));
        List<String> ins = new ArrayList<>(base.inputs());
        while (ins.size() < 3) ins.add("");
        if (residual != null) {
            if (ins.size() > 3) return null;
            ins.add(residual);
        }
        return new Node(base.name(), "Fused" + baseOp, FusedOps.DOMAIN, ins, List.of(output), new Attributes(attrs));
    }
}
