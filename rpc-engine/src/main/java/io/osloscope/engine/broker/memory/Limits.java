package io.osloscope.engine.broker.memory;

import java.time.Duration;
import java.util.Objects;

/**
 * Resource bounds of an {@link InMemoryBroker}.
 *
 * <p>{@code maxQueueBytes} bounds the body bytes of the ready messages of each queue (unacknowledged
 * deliveries are not counted, as with RabbitMQ's {@code x-max-length-bytes}). What happens at the
 * bound is {@code overflow}: {@link Overflow#DROP_HEAD} (default, what {@code x-max-length} does on
 * RabbitMQ) discards the oldest ready messages until the new one fits; {@link Overflow#DROP_NEW}
 * discards the arriving message instead. Either way the publisher is never blocked and each
 * discarded message is reported as {@code MessageDiscarded(MAX_LENGTH)}.
 *
 * <p>{@code autoAckWindow} is how many deliveries an auto-ack consumer may have in hand but not
 * yet processed; the rest stay in the queue (and count against its bound) instead of piling up
 * in the consumer. {@code gateStepInterval} is the spacing of deliveries at speed 1/1 of the
 * {@link DeliveryGate} when slowed: at speed {@code f < 1} one delivery is released every
 * {@code gateStepInterval / f}.
 */
public record Limits(long maxQueueBytes, Overflow overflow, int autoAckWindow, Duration gateStepInterval) {

    /** What the broker does when a queue reaches {@link #maxQueueBytes()}. */
    public enum Overflow { DROP_HEAD, DROP_NEW }

    /** 256 MiB per queue, drop head, 256 deliveries per auto-ack consumer, 50 ms gate step. */
    public static final Limits DEFAULT = new Limits(256L << 20, Overflow.DROP_HEAD, 256, Duration.ofMillis(50));

    public Limits {
        if (maxQueueBytes <= 0) {
            throw new IllegalArgumentException("maxQueueBytes must be > 0, got " + maxQueueBytes);
        }
        Objects.requireNonNull(overflow, "overflow");
        if (autoAckWindow <= 0) {
            throw new IllegalArgumentException("autoAckWindow must be > 0, got " + autoAckWindow);
        }
        if (gateStepInterval == null || gateStepInterval.isNegative() || gateStepInterval.isZero()) {
            throw new IllegalArgumentException("gateStepInterval must be positive, got " + gateStepInterval);
        }
    }

    public Limits withMaxQueueBytes(long bytes, Overflow atBound) {
        return new Limits(bytes, atBound, autoAckWindow, gateStepInterval);
    }
}
