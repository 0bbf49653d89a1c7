package io.osloscope.engine.broker.memory;

/**
 * A message in one queue: its position ({@code seq}, kept when requeued so it returns to its
 * original place), when it expires ({@link System#nanoTime()} based; {@link Long#MAX_VALUE} for
 * never), whether it was delivered before, and (quorum queues) how often it came back: the
 * {@code x-delivery-count} RabbitMQ counts against {@code x-delivery-limit}, and (from 4.3) every time it was
 * acquired, {@code x-acquired-count}, which also counts the returns 4.3 does not hold against the limit.
 */
record QueuedMessage(Published message, long seq, long expiresAt, boolean redelivered, int deliveryCount,
                     int acquiredCount) {
    QueuedMessage(Published message, long seq, long expiresAt) {
        this(message, seq, expiresAt, false, 0, 0);
    }

    boolean expired(long now) {
        return expiresAt != Long.MAX_VALUE && now - expiresAt > 0;
    }

    QueuedMessage asRedelivered() {
        return redelivered ? this : new QueuedMessage(message, seq, expiresAt, true, deliveryCount, acquiredCount);
    }

    /** Came back to a quorum queue after a delivery (requeued, or its consumer went away): counted. */
    QueuedMessage returned() {
        return new QueuedMessage(message, seq, expiresAt, true, deliveryCount + 1, acquiredCount + 1);
    }

    /** Came back to a quorum queue by a {@code basic.nack} with requeue on 4.3: acquired again, not counted as failed. */
    QueuedMessage released() {
        return new QueuedMessage(message, seq, expiresAt, true, deliveryCount, acquiredCount + 1);
    }

    /** The same message at another position (a quorum queue before 4.0 puts returned messages at the back). */
    QueuedMessage at(long newSeq) {
        return new QueuedMessage(message, newSeq, expiresAt, redelivered, deliveryCount, acquiredCount);
    }
}
