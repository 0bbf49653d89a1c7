package io.osloscope.engine.error;

/**
 * A broker refused an operation, with the AMQP 0-9-1 reply code and text it gave.
 *
 * <p>Both brokers raise it with RabbitMQ's wording, for example
 * {@code PRECONDITION_FAILED - inequivalent arg 'durable' for exchange 'nova' in vhost '/':
 * received 'true' but current is 'false'}, so a user sees the same reason on either.
 */
public class AmqpException extends MessagingException {
    /** An operator closed the connection (management API, {@code rabbitmqctl close_connection}). */
    public static final int CONNECTION_FORCED = 320;
    public static final int ACCESS_REFUSED = 403;
    public static final int NOT_FOUND = 404;
    public static final int RESOURCE_LOCKED = 405;
    public static final int PRECONDITION_FAILED = 406;
    /** Connection-level: RabbitMQ closes the whole connection with it (4.3 refusing a transient non-exclusive queue). */
    public static final int INTERNAL_ERROR = 541;

    private final int replyCode;

    public AmqpException(int replyCode, String replyText) {
        super(replyText);
        this.replyCode = replyCode;
    }

    public AmqpException(int replyCode, String replyText, Throwable cause) {
        super(replyText, cause);
        this.replyCode = replyCode;
    }

    /** The AMQP reply code: 404, 405, 406, 403, or a connection-level code. */
    public int replyCode() {
        return replyCode;
    }

    /** The reply text as the broker phrased it, e.g. {@code NOT_FOUND - no exchange 'x' in vhost '/'}. */
    public String replyText() {
        return getMessage();
    }
}
