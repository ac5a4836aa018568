package dev.onyx;

/**
 * The root of Onyx's exceptions about models: a model Onyx cannot load or run. Unchecked.
 * Wrong arguments handed to {@code Session.run} raise {@link IllegalArgumentException} instead.
 *
 * <p>Messages follow one format, each layer adding its context in front:
 * {@code model.onnx: node 'conv_3' (Conv, opset 13): attribute 'pads': expected 4 values, got 2}.
 */
public class OnyxException extends RuntimeException {
    public OnyxException(String message) { super(message); }
    public OnyxException(String message, Throwable cause) { super(message, cause); }

    /** The same exception type with context prepended to the message; the cause is kept. */
    public OnyxException withContext(String context) {
        OnyxException e = switch (this) {
            case UnsupportedModelException u -> new UnsupportedModelException(context + ": " + getMessage(), this);
            case LimitExceededException l -> new LimitExceededException(context + ": " + getMessage(), this);
            case InvalidModelException i -> new InvalidModelException(context + ": " + getMessage(), this);
            default -> new OnyxException(context + ": " + getMessage(), this);
        };
        return e;
    }
}
