package dev.onyx.ir;

/** A named value of a graph (input, output or intermediate) with what is known about it. */
public record ValueInfo(String name, Fact fact) {
    @Override
    public String toString() { return name + ": " + fact.describe(); }
}
