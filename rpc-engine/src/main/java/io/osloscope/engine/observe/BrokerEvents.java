package io.osloscope.engine.observe;

import java.time.Instant;
import java.util.List;

/**
 * Broker-level observations. {@code messageRef} ties together the events of one published
 * message (publish, routing, enqueue per queue, delivery, settlement); 0 when unknown, e.g. a
 * message RabbitMQ delivered that this process did not publish.
 */
public final class BrokerEvents {
    private BrokerEvents() {
    }

    /** A client published a message. {@code connection} is the publisher's connection name. */
    public record MessagePublished(long seq, Instant at, long messageRef, String connection, String exchange,
                                   String routingKey, boolean mandatory, MessageSnapshot message)
            implements EngineEvent {
    }

    /** How one binding was judged against a routing key (or headers) and why. */
    public record BindingMatch(String source, String destination, String bindingKey, boolean matched,
                               String reason) {
    }

    /**
     * The routing decision for one publish: every binding of the exchange considered, whether it
     * matched and why, and the queues reached (empty when unroutable). Only brokers that observe
     * routing emit it.
     */
    public record MessageRouted(long seq, Instant at, long messageRef, String exchange, String exchangeType,
                                String routingKey, List<BindingMatch> bindings, List<String> queues)
            implements EngineEvent {
        public boolean unroutable() {
            return queues.isEmpty();
        }
    }

    /** The message entered a queue, which now holds {@code depth} ready messages. */
    public record MessageEnqueued(long seq, Instant at, long messageRef, String queue, int depth)
            implements EngineEvent {
    }

    /**
     * A message was appended to a stream queue at {@code offset}; the stream now holds {@code length} messages
     * (after retention). Streams emit this instead of {@link MessageEnqueued}: nothing waits to be taken.
     */
    public record StreamAppended(long seq, Instant at, long messageRef, String queue, long offset, long length)
            implements EngineEvent {
    }

    /**
     * Retention dropped the oldest segment of a stream: offsets {@code fromOffset} up to (not including)
     * {@code toOffset}, {@code bytes} of bodies; {@code reason} is {@code MAX_LENGTH} (x-max-length-bytes or the
     * broker's memory bound) or {@code EXPIRED} (x-max-age). One event per segment, not per message.
     */
    public record StreamTruncated(long seq, Instant at, String queue, long fromOffset, long toOffset, long bytes,
                                  DiscardReason reason)
            implements EngineEvent {
    }

    /**
     * A stream consumer read the message at {@code offset} (the {@code x-stream-offset} header of the delivery).
     * For stream queues it takes the place of {@link MessageDelivered}, with the same fields plus the offset; acks
     * on a stream are not reported (they remove nothing, they only return the consumer's credit).
     */
    public record StreamRead(long seq, Instant at, long messageRef, String queue, String consumerTag,
                             String connection, long deliveryTag, long offset, String exchange, String routingKey,
                             MessageSnapshot message)
            implements EngineEvent {
    }

    /** A consumer received the message. */
    public record MessageDelivered(long seq, Instant at, long messageRef, String queue, String consumerTag,
                                   String connection, long deliveryTag, boolean redelivered,
                                   String exchange, String routingKey, MessageSnapshot message)
            implements EngineEvent {
    }

    public enum Settlement { ACK, NACK, REJECT, AUTO_ACK }

    /** A delivery was acknowledged, nacked or rejected ({@code requeue} for the latter two). */
    public record MessageSettled(long seq, Instant at, long messageRef, String queue, String consumerTag,
                                 long deliveryTag, Settlement settlement, boolean requeue)
            implements EngineEvent {
    }

    /** A mandatory message came back unroutable ({@code basic.return}). */
    public record MessageReturned(long seq, Instant at, long messageRef, String exchange, String routingKey,
                                  int replyCode, String replyText, MessageSnapshot message)
            implements EngineEvent {
    }

    public enum DiscardReason { EXPIRED, MAX_LENGTH, REJECTED, QUEUE_DELETED, PURGED, DELIVERY_LIMIT }

    /**
     * A message left a queue without being delivered: expired (TTL), dropped at x-max-length, rejected without
     * requeue, past a quorum queue's delivery limit, or removed with its queue. When the queue has a dead-letter
     * exchange a {@link MessageDeadLettered} follows.
     */
    public record MessageDiscarded(long seq, Instant at, long messageRef, String queue, DiscardReason reason)
            implements EngineEvent {
    }

    /**
     * A delivered message came back to a quorum queue (requeued, or its consumer went away) and was counted:
     * {@code deliveryCount} is the {@code x-delivery-count} its next delivery carries, {@code deliveryLimit} the
     * queue's limit (-1 for none); past it the message is dropped or dead-lettered instead.
     */
    public record MessageRequeued(long seq, Instant at, long messageRef, String queue, int deliveryCount,
                                  long deliveryLimit) implements EngineEvent {
    }

    /**
     * A message left {@code queue} for its dead-letter exchange: {@code reason} as RabbitMQ writes it into
     * {@code x-death} ({@code rejected}, {@code expired}, {@code maxlen}, {@code delivery_limit}); republished as
     * {@code newRef} to {@code exchange} with {@code routingKey} (its publish and routing events follow).
     */
    public record MessageDeadLettered(long seq, Instant at, long messageRef, long newRef, String queue, String reason,
                                      String exchange, String routingKey) implements EngineEvent {
    }

    public enum TopologyChange {
        EXCHANGE_DECLARED, EXCHANGE_DELETED, QUEUE_DECLARED, QUEUE_DELETED, BOUND, UNBOUND,
        CONSUMER_ADDED, CONSUMER_CANCELLED
    }

    /**
     * The broker's topology changed. {@code name} is the exchange, queue or consumer tag;
     * for bindings {@code name} is the queue, {@code other} the exchange and {@code key} the
     * binding key; for consumers {@code other} is the queue; for declares {@code detail} is a short
     * description ("topic durable", "x-expires=1800000").
     */
    public record TopologyChanged(long seq, Instant at, TopologyChange change, String name, String other,
                                  String key, String detail) implements EngineEvent {
    }

    /** A connection opened, closed, was lost or came back. */
    public record ConnectionChanged(long seq, Instant at, String connection, String state, String reason)
            implements EngineEvent {
    }
}
