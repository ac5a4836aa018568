package dev.onyx.ops;

/** Creates the {@link Op} for one node, reading and checking its attributes for the model's opset. */
@FunctionalInterface
public interface OpFactory {
    Op create(NodeContext ctx);
}
