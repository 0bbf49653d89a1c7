package io.osloscope.engine.broker;

import io.osloscope.engine.wire.MessageProperties;

/**
 * One message handed to a consumer. With manual acknowledgement exactly one of {@link #ack()},
 * {@link #nack(boolean)} or {@link #reject(boolean)} must be called, from any thread; a second
 * settlement of the same delivery is ignored. With auto-ack the methods do nothing.
 * A message requeued by nack/reject (or by the consumer's connection closing unacked) comes back
 * with {@link #redelivered()} true, as on RabbitMQ.
 */
public interface Delivery {
    String consumerTag();

    long deliveryTag();

    boolean redelivered();

    /** The exchange the message was published to ({@code ""} for the default exchange). */
    String exchange();

    String routingKey();

    /** The queue it was consumed from. */
    String queue();

    MessageProperties properties();

    /** The body; callers must not modify the array. */
    byte[] body();

    void ack();

    /**
     * Acknowledges this delivery and every earlier unsettled delivery of the same consumer at once (AMQP's
     * {@code basic.ack} with {@code multiple}): one frame for a run of messages a consumer settles in order.
     * Deliveries it covers count as settled, so settling one of them again is ignored; nothing happens if this
     * delivery is settled already. With auto-ack it does nothing.
     */
    void ackMultiple();

    void nack(boolean requeue);

    void reject(boolean requeue);
}
