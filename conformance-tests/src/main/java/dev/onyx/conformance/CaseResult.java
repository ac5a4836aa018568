package dev.onyx.conformance;

import java.util.List;

/** The outcome of one case, with a one-line reason when it did not pass and the default-domain ops its model uses. */
public record CaseResult(String suite, String name, Outcome outcome, String message, List<String> ops, long millis) {
    public CaseResult {
        message = message == null ? "" : message;
        ops = List.copyOf(ops);
    }

    public String id() { return suite + "/" + name; }

    public boolean passed() { return outcome == Outcome.PASS; }

    /**
     * One result from runs of the same case at two optimization levels: passes only when both pass; otherwise
     * the first level that did not pass, its message prefixed with the level (and the other level's outcome
     * when it differs). When both levels end the same way with the same message, no prefix.
     */
    public static CaseResult combine(String firstLevel, CaseResult first, String secondLevel, CaseResult second) {
        if (second == null) return first;
        long millis = first.millis() + second.millis();
        if (first.passed() && second.passed()) return new CaseResult(first.suite, first.name, Outcome.PASS, "", first.ops, millis);
        if (first.outcome() == second.outcome() && first.message().equals(second.message())) {
            return new CaseResult(first.suite, first.name, first.outcome(), first.message(), first.ops, millis);
        }
        if (!first.passed()) {
            String msg = firstLevel + ": " + first.message();
            if (second.outcome() != first.outcome()) msg += " | " + secondLevel + ": " + second.outcome() + " " + second.message();
            return new CaseResult(first.suite, first.name, first.outcome(), msg, first.ops, millis);
        }
        return new CaseResult(first.suite, first.name, second.outcome(),
                secondLevel + " (" + firstLevel + " passes): " + second.message(), first.ops, millis);
    }
}
