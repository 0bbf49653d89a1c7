package io.osloscope.app.fire;

/**
 * The result of one fire: for a call the result JSON or the (remote) error; for a cast just "sent".
 * {@code errorClass} is null on success.
 */
public record FireOutcome(boolean call, String resultJson, String errorClass, String errorMessage,
                          String traceback, long latencyMs, String requestId) {
    public boolean ok() {
        return errorClass == null;
    }
}
