package io.osloscope.engine.broker.memory;

import io.osloscope.engine.observe.BrokerEvents.DiscardReason;
import io.osloscope.engine.observe.BrokerEvents.MessageDiscarded;
import io.osloscope.engine.observe.EventHub;

import java.time.Instant;
import java.util.Map;

/**
 * Messages leaving one {@link MemoryQueue} without being consumed: each is published as {@link MessageDiscarded},
 * and a dropped one (rejected, expired, past a length or delivery limit) is dead-lettered ({@link DeadLetters}) when
 * the queue has {@code x-dead-letter-exchange}. Queue lock may be held.
 */
final class Discards {
    private final MemoryQueue queue;
    private final DeadLetters deadLetters;

    Discards(MemoryQueue queue, Map<String, Object> arguments) {
        this.queue = queue;
        Object dlx = arguments.get("x-dead-letter-exchange");
        Object dlrk = arguments.get("x-dead-letter-routing-key");
        this.deadLetters = dlx instanceof String x ? new DeadLetters(queue, x, dlrk == null ? null : dlrk.toString()) : null;
    }

    /** A message leaves without being consumed: dead-lettered when the queue has a dead-letter exchange. */
    void drop(Published p, DiscardReason why) {
        discard(p, why);
        if (deadLetters != null) {
            deadLetters.send(p, why);
        }
    }

    /** A message leaves without being consumed and is not dead-lettered (purged, queue deleted, ...). */
    void discard(Published p, DiscardReason why) {
        EventHub hub = queue.broker.hub;
        if (hub.hasSubscribers()) {
            hub.publish(new MessageDiscarded(hub.nextSeq(), Instant.now(), p.ref(), queue.name, why));
        }
    }
}
