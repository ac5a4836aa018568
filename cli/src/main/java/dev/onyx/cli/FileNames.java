package dev.onyx.cli;

import java.util.Locale;
import java.util.Set;

/** Safe file names for tensor names (which may hold '/', ':' or anything else). */
final class FileNames {
    private FileNames() {}

    /** Keeps letters, digits, '.', '-' and '_'; everything else becomes '_'. Never empty, never hidden, at most 120 chars. */
    static String sanitize(String name) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < name.length() && sb.length() < 120; i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
            sb.append(ok ? c : '_');
        }
        String s = sb.toString();
        if (s.isEmpty() || s.chars().allMatch(c -> c == '.')) s = "output" + s.replace('.', '_');
        if (s.startsWith(".")) s = "_" + s.substring(1);
        return s;
    }

    /** A sanitized name not yet in {@code used} (case-insensitively, for case-insensitive file systems); adds it. */
    static String unique(String name, Set<String> used) {
        String base = sanitize(name);
        String s = base;
        for (int k = 2; !used.add(s.toLowerCase(Locale.ROOT)); k++) s = base + "_" + k;
        return s;
    }
}
