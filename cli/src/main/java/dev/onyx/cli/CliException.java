package dev.onyx.cli;

/** A user-facing error of the CLI (bad file, unknown input...); printed as one line, exit code 1. */
final class CliException extends RuntimeException {
    CliException(String message) { super(message); }
    CliException(String message, Throwable cause) { super(message, cause); }
}
