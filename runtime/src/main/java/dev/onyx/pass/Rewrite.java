package dev.onyx.pass;

import java.util.List;

/** One change a pass made: the nodes it replaced and the node it created (empty when it only removed). */
public record Rewrite(String pass, List<String> replaced, String created) {
    public Rewrite {
        replaced = List.copyOf(replaced);
        created = created == null ? "" : created;
    }

    @Override
    public String toString() {
        return pass + ": " + String.join(" + ", replaced) + (created.isEmpty() ? " removed" : " -> " + created);
    }
}
