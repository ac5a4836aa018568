package dev.onyx;

/** The model file is malformed or breaks the ONNX rules (undefined value, cycle, bad attribute...). */
public class InvalidModelException extends OnyxException {
    public InvalidModelException(String message) { super(message); }
    public InvalidModelException(String message, Throwable cause) { super(message, cause); }
}
