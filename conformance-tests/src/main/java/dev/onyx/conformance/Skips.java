package dev.onyx.conformance;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Cases whose expected output no implementation can reproduce: random number generators (the stored outputs
 * come from numpy's generator) and Dropout in training mode with a non-zero ratio (a random mask). They are
 * reported SKIPPED with the reason, never as passing. Inference-mode Dropout cases such as
 * {@code test_dropout_random_old} (opset 11, no training_mode: output = input) and the zero-ratio training
 * cases are deterministic and do run.
 */
public final class Skips {
    private Skips() {}

    /** Default-domain ops whose output is random. */
    public static final Set<String> RANDOM_OPS = Set.of(
            "RandomNormal", "RandomNormalLike", "RandomUniform", "RandomUniformLike", "Bernoulli", "Multinomial");

    /** Cases skipped by name, with the reason. */
    public static final Map<String, String> BY_NAME = Map.of(
            "test_training_dropout", "Dropout in training mode (ratio 0.75): random mask",
            "test_training_dropout_default", "Dropout in training mode (ratio 0.5): random mask",
            "test_training_dropout_default_mask", "Dropout in training mode (ratio 0.5): random mask",
            "test_training_dropout_mask", "Dropout in training mode (ratio 0.75): random mask");

    /** Why a case cannot be checked, or empty when it can. */
    public static Optional<String> reason(String name, Collection<String> ops) {
        String byName = BY_NAME.get(name);
        if (byName != null) return Optional.of(byName);
        for (String op : ops) {
            if (RANDOM_OPS.contains(op)) return Optional.of(op + " draws random numbers: the expected output cannot be reproduced");
        }
        return Optional.empty();
    }
}
