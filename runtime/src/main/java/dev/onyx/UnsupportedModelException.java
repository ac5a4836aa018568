package dev.onyx;

/** The model is valid ONNX but uses an operator, attribute, opset or data type Onyx does not implement. */
public class UnsupportedModelException extends OnyxException {
    public UnsupportedModelException(String message) { super(message); }
    public UnsupportedModelException(String message, Throwable cause) { super(message, cause); }
}
