package io.osloscope.engine.rpc;

import io.osloscope.engine.broker.ExchangeSpec;
import io.osloscope.engine.broker.ExchangeType;
import io.osloscope.engine.broker.QueueSpec;
import io.osloscope.engine.broker.QueueType;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What oslo's rabbit driver declares for a set of options ({@code impl_rabbit.py}: {@code declare_topic_consumer},
 * {@code declare_direct_consumer}, {@code declare_fanout_consumer}, {@code fanout_send}, {@code topic_send} and
 * {@code _get_queue_arguments}), decided in one place for the driver and for explaining refusals.
 */
public final class OsloTopology {
    /** The five kinds of entity the driver declares. */
    public enum Role {
        CONTROL_EXCHANGE("control exchange"),
        FANOUT_EXCHANGE("fanout exchange"),
        TOPIC_QUEUE("topic queue"),
        REPLY_QUEUE("reply queue"),
        FANOUT_QUEUE("fanout queue");

        private final String label;

        Role(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private OsloTopology() {
    }

    /** The control exchange: topic, durable = amqp_durable_queues or rabbit_quorum_queue, auto-delete = amqp_auto_delete. */
    public static ExchangeSpec controlExchange(TransportOptions o, String name) {
        return ExchangeSpec.of(name, ExchangeType.TOPIC).withDurable(o.durable()).withAutoDelete(o.autoDelete());
    }

    /**
     * {@code <topic>_fanout}: fanout, auto-delete, durable with rabbit_transient_quorum_queue (or stream fanout,
     * which requires it).
     */
    public static ExchangeSpec fanoutExchange(TransportOptions o, String topic) {
        return ExchangeSpec.of(topic + "_fanout", ExchangeType.FANOUT)
                .withDurable(o.transientQuorumQueue() || o.streamFanout()).withAutoDelete(true);
    }

    /** A topic queue ({@code T} or {@code T.S}): durable rule, auto-delete rule, ha/quorum args, no x-expires. */
    public static QueueSpec topicQueue(TransportOptions o, String name) {
        return new QueueSpec(name, o.durable(), false, o.autoDelete(), arguments(o, o.quorumQueues(), 0, false));
    }

    /** A reply queue: durable quorum with rabbit_transient_quorum_queue, x-expires = ttl (none when 0). */
    public static QueueSpec replyQueue(TransportOptions o, String name) {
        return new QueueSpec(name, o.transientQuorumQueue(), false, false,
                arguments(o, o.transientQuorumQueue(), o.transientQueuesTtl(), false));
    }

    /**
     * A server's fanout queue: with stream fanout the stream {@code <topic>_fanout} (durable, x-max-age = ttl),
     * otherwise as a reply queue.
     */
    public static QueueSpec fanoutQueue(TransportOptions o, String name) {
        return new QueueSpec(name, o.transientQuorumQueue() || o.streamFanout(), false, false,
                arguments(o, o.transientQuorumQueue(), o.transientQueuesTtl(), o.streamFanout()));
    }

    /** The spec of {@code role} for these options, named {@code name} (a topic for the fanout exchange). */
    public static Object spec(Role role, TransportOptions o, String name) {
        return switch (role) {
            case CONTROL_EXCHANGE -> controlExchange(o, name);
            case FANOUT_EXCHANGE -> fanoutExchange(o, name.endsWith("_fanout")
                    ? name.substring(0, name.length() - "_fanout".length()) : name);
            case TOPIC_QUEUE -> topicQueue(o, name);
            case REPLY_QUEUE -> replyQueue(o, name);
            case FANOUT_QUEUE -> fanoutQueue(o, name);
        };
    }

    /** oslo's {@code _get_queue_arguments}, in its order. */
    static Map<String, Object> arguments(TransportOptions o, boolean quorum, int ttlSeconds, boolean stream) {
        Map<String, Object> args = new LinkedHashMap<>();
        if (stream) {
            args.put(QueueType.ARGUMENT, QueueType.STREAM.amqpName());
            if (ttlSeconds > 0) {
                args.put("x-max-age", ttlSeconds + "s");
            }
            return args;
        }
        if (o.haQueues()) {
            args.put("x-ha-policy", "all");
        }
        if (quorum) {
            args.put(QueueType.ARGUMENT, QueueType.QUORUM.amqpName());
            if (o.quorumDeliveryLimit() > 0) {
                args.put("x-delivery-limit", o.quorumDeliveryLimit());
            }
            if (o.quorumMaxMemoryLength() > 0) {
                args.put("x-max-in-memory-length", o.quorumMaxMemoryLength());
            }
            if (o.quorumMaxMemoryBytes() > 0) {
                args.put("x-max-in-memory-bytes", o.quorumMaxMemoryBytes());
            }
        }
        if (ttlSeconds > 0) {
            args.put("x-expires", ttlSeconds * 1000);
        }
        return args;
    }
}
