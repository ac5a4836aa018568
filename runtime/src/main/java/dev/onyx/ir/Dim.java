package dev.onyx.ir;

/** One dimension of a value's shape: a known size, a named symbol (dim_param), or unknown. */
public record Dim(long value, String symbol) {
    public static final Dim UNKNOWN = new Dim(-1, null);

    public static Dim of(long value) { return new Dim(value, null); }
    public static Dim symbol(String name) { return new Dim(-1, name); }

    public boolean isKnown() { return value >= 0; }
    public boolean isSymbolic() { return value < 0 && symbol != null; }

    @Override
    public String toString() {
        if (value >= 0) return Long.toString(value);
        return symbol != null ? symbol : "?";
    }
}
