package io.osloscope.engine.error;

/**
 * The target cannot be used for this operation, raised locally before anything is sent, e.g.
 * {@code A call cannot be used with fanout} or a target without a topic (oslo's {@code InvalidTarget}).
 */
public class InvalidTargetException extends MessagingException {
    public InvalidTargetException(String message) {
        super(message);
    }
}
