package dev.onyx.runtime;

import dev.onyx.ir.Node;

import java.util.Set;

/** Ops whose result is not a function of their inputs alone, and so must never be folded. */
final class Deterministic {
    private static final Set<String> RANDOM = Set.of("RandomNormal", "RandomUniform", "RandomNormalLike",
            "RandomUniformLike", "Multinomial", "Bernoulli");

    private Deterministic() {}

    static boolean is(Node n) {
        if (!n.domain().isEmpty()) return true;
        if (RANDOM.contains(n.opType())) return false;
        // Dropout in training mode draws a random mask
        return !n.opType().equals("Dropout") || n.inputs().size() < 3;
    }
}
