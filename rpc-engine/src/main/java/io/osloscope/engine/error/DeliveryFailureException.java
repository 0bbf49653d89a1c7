package io.osloscope.engine.error;

/**
 * A message could not be handed to the broker (connection lost and retries exhausted, oslo's
 * {@code MessageDeliveryFailure}) or came back unroutable from a mandatory publish
 * ({@code MessageUndeliverable}).
 */
public class DeliveryFailureException extends MessagingException {
    public DeliveryFailureException(String message) {
        super(message);
    }

    public DeliveryFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
