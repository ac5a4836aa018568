package dev.onyx;

/** The model or an input exceeds a limit set in the session options (sizes, depth, node count...). */
public class LimitExceededException extends OnyxException {
    public LimitExceededException(String message) { super(message); }
    public LimitExceededException(String message, Throwable cause) { super(message, cause); }
}
