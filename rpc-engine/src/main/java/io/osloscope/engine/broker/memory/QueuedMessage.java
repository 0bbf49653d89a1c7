package io.osloscope.engine.broker.memory;

/**
 * A message in one queue: its position ({@code seq}, kept when requeued so it returns to its
 * original place), when it expires ({@link System#nanoTime()} based; {@link Long#MAX_VALUE} for
 * never) and whether it was delivered before.
 */
record QueuedMessage(Published message, long seq, long expiresAt, boolean redelivered) {
    boolean expired(long now) {
        return expiresAt != Long.MAX_VALUE && now - expiresAt > 0;
    }

    QueuedMessage asRedelivered() {
        return redelivered ? this : new QueuedMessage(message, seq, expiresAt, true);
    }
}
