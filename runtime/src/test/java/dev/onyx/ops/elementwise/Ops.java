package dev.onyx.ops.elementwise;

import dev.onyx.ir.Attribute;
import dev.onyx.ir.Attributes;
import dev.onyx.ir.Node;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.ops.OpRegistry;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Test helpers: create an elementwise op from the standard registry and run it. */
final class Ops {
    private Ops() {}

    static Op create(String opType, int opset, int inputs, Attribute... attrs) {
        List<String> in = new ArrayList<>();
        for (int i = 0; i < inputs; i++) in.add("x" + i);
        Node node = new Node("n", opType, "", in, List.of("y"), Attributes.of(attrs));
        var f = OpRegistry.standard().find("", opType, opset);
        if (f == null) throw new AssertionError("no " + opType + " at opset " + opset);
        return f.create(new NodeContext(node, opset));
    }

    static Tensor run(String opType, int opset, List<Attribute> attrs, Tensor... inputs) {
        Op op = create(opType, opset, inputs.length, attrs.toArray(new Attribute[0]));
        return op.run(Arrays.asList(inputs)).get(0);
    }

    static Tensor run(String opType, Tensor... inputs) {
        return run(opType, OpRegistry.MAX_OPSET, List.of(), inputs);
    }


    static Tensor of(dev.onyx.tensor.DType t, int[] shape, long... v) {
        return Num.fromLongs(t, shape, v);
    }

    static Tensor vec(dev.onyx.tensor.DType t, long... v) {
        return Num.fromLongs(t, new int[] {v.length}, v);
    }

    static Tensor fvec(float... v) {
        return Tensor.of(v, v.length);
    }
}
