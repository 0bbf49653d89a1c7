package io.osloscope.engine.broker.memory;

import io.osloscope.engine.broker.QueueType;
import io.osloscope.engine.broker.RabbitVersion;
import io.osloscope.engine.observe.BrokerEvents.MessageRequeued;
import io.osloscope.engine.observe.EventHub;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One {@link MemoryQueue}'s limits: when a message expires ({@code x-message-ttl}), when its ready messages are too many or too large ({@code x-max-length},
 * {@code x-max-length-bytes}, the broker's per-queue memory bound), and for a quorum queue what becomes of a
 * delivered message that comes back: counted against the delivery limit ({@code x-delivery-count}), dropped or
 * dead-lettered past it, and before 4.0 put at the back. Called under the queue's monitor.
 */
final class QueueLimits {
    /** Where a returned message goes. */
    enum Placement {
        /** Back to its original position, ahead of never-delivered messages. */
        IN_PLACE,
        /** To the back of the queue (quorum before 4.0). */
        BACK,
        /** Past the delivery limit: dropped, or dead-lettered. */
        DROP
    }

    /** A returned message as it goes on ({@code x-delivery-count} updated) and where it goes. */
    record Return(QueuedMessage message, Placement placement) {
    }

    private final MemoryQueue queue;
    private final QueueType type;
    /** Quorum: returns allowed before the message is dropped or dead-lettered; -1 for no limit. */
    private final long deliveryLimit;
    private final long maxLength;
    private final long maxLengthBytes;
    /** x-message-ttl, -1 for none. */
    private final long ttlMs;

    QueueLimits(MemoryQueue queue, QueueArgs args, QueueType type, Map<String, Object> arguments) {
        this.queue = queue;
        this.type = type;
        this.deliveryLimit = QueueTypeRules.deliveryLimit(queue.broker.version, type, arguments);
        this.maxLength = args.maxLength();
        this.maxLengthBytes = args.maxLengthBytes();
        this.ttlMs = args.ttlMs();
    }

    /** When a message enqueued now expires (the lower of x-message-ttl and its expiration); MAX_VALUE: never. */
    long expiresAt(Published p) {
        long ttl = ttlMs < 0 ? p.expirationMs() : p.expirationMs() < 0 ? ttlMs : Math.min(ttlMs, p.expirationMs());
        return ttl >= 0 ? System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ttl) : Long.MAX_VALUE;
    }

    /** x-max-length-bytes, -1 for none (a stream's retention reads it too). */
    long maxLengthBytes() {
        return maxLengthBytes;
    }

    /** x-max-length, x-max-length-bytes and the broker's per-queue memory bound: the head must go. */
    boolean over(int ready, long readyBytes) {
        return ready > 0 && ((maxLength >= 0 && ready > maxLength)
                || (maxLengthBytes >= 0 && readyBytes > maxLengthBytes) || readyBytes > queue.broker.limits.maxQueueBytes());
    }

    /**
     * A delivered message comes back (requeued, or its consumer went away). A quorum queue counts it, drops or
     * dead-letters it past the delivery limit, and before 4.0 puts it at the back; other queues keep its place.
     * From 4.3 a {@code basic.nack} with requeue ({@code nack}) is not counted against the limit, only as acquired
     * (measured on 4.3.6: {@code x-acquired-count} grows, {@code x-delivery-count} does not; reject still counts).
     * A counted return that stays is published as {@link MessageRequeued}.
     */
    Return onReturn(QueuedMessage m, boolean nack) {
        RabbitVersion version = queue.broker.version;
        if (type != QueueType.QUORUM) {
            return new Return(m.asRedelivered(), Placement.IN_PLACE);
        }
        if (nack && version.atLeast(RabbitVersion.V4_3)) {
            return new Return(m.released(), Placement.IN_PLACE);
        }
        QueuedMessage r = m.returned();
        if (deliveryLimit >= 0 && r.deliveryCount() > deliveryLimit) {
            return new Return(r, Placement.DROP);
        }
        EventHub hub = queue.broker.hub;
        if (hub.hasSubscribers()) {
            hub.publish(new MessageRequeued(hub.nextSeq(), Instant.now(), r.message().ref(), queue.name,
                    r.deliveryCount(), deliveryLimit));
        }
        return new Return(r, version.atLeast(RabbitVersion.V4_0) ? Placement.IN_PLACE : Placement.BACK);
    }
}
