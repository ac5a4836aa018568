package dev.onyx.cli;

/** Turns exceptions into the one-line causes the CLI prints. */
final class Errors {
    private Errors() {}

    /** The exception's message on one line (multi-line details joined with "; "), or its type when it has none. */
    static String oneLine(Throwable t) {
        String msg = t.getMessage();
        if (msg == null || msg.isBlank()) {
            Throwable c = t.getCause();
            msg = c != null && c.getMessage() != null ? c.getMessage() : t.getClass().getSimpleName();
            if (t instanceof OutOfMemoryError) msg = "out of memory (raise -Xmx)";
            else if (t instanceof StackOverflowError) msg = "stack overflow (raise -Xss)";
        } else if (!(t instanceof CliException) && !(t instanceof dev.onyx.OnyxException)
                && !(t instanceof IllegalArgumentException) && !(t instanceof IllegalStateException)) {
            msg = t.getClass().getSimpleName() + ": " + msg;
        }
        return msg.strip().replaceAll(":\\s*\\R\\s*", ": ").replaceAll("\\s*\\R\\s*", "; ");
    }
}
