package io.osloscope.engine.error;

/**
 * Root of every failure the engine reports. Unchecked, as in oslo.messaging and spring-amqp:
 * callers catch the subclasses they can act on and let the rest travel up.
 */
public class MessagingException extends RuntimeException {
    public MessagingException(String message) {
        super(message);
    }

    public MessagingException(String message, Throwable cause) {
        super(message, cause);
    }
}
