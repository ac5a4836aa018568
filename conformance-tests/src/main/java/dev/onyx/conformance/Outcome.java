package dev.onyx.conformance;

/** How a case ended. */
public enum Outcome {
    /** Every output of every data set matched. */
    PASS,
    /** The model ran but some output differs (wrong values, dtype or shape). */
    FAIL,
    /** Onyx refused the model with UnsupportedModelException (an op, attribute, opset or dtype it lacks). */
    UNSUPPORTED,
    /** Anything else went wrong: another exception, a timeout, a malformed case. */
    ERROR,
    /** Not run: no implementation can reproduce the expected output (see {@link Skips}). */
    SKIPPED
}
