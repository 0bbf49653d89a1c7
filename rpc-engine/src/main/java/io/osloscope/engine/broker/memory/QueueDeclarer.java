package io.osloscope.engine.broker.memory;

import io.osloscope.engine.broker.routing.AmqpValues;
import io.osloscope.engine.broker.QueueSpec;
import io.osloscope.engine.broker.QueueType;
import io.osloscope.engine.error.AmqpException;

import java.util.Map;

/**
 * How {@link InMemoryBroker} takes a {@code queue.declare}: the name (server-generated {@code amq.gen-*}, reserved
 * {@code amq.*}), RabbitMQ's rules for a new queue at the broker's release ({@link QueueTypeRules}: a refused type
 * may close the connection with 541), the queue or stream built with its parsed and stored arguments, and a
 * redeclare's equivalence check. The broker keeps its tables and lock; this class decides what goes in them.
 */
final class QueueDeclarer {
    private final InMemoryBroker broker;

    QueueDeclarer(InMemoryBroker broker) {
        this.broker = broker;
    }

    /** The queue's name: a generated one for {@code ""}; {@code amq.*} is refused (403). */
    String name(QueueSpec spec) {
        String queue = spec.name();
        if (queue.isEmpty()) {
            return "amq.gen-" + InMemoryBroker.randomToken();
        }
        if (queue.startsWith("amq.")) {
            throw AmqpErrors.reservedName("queue", queue);
        }
        return queue;
    }

    /** A new queue named {@code queue}, as the broker's release builds it; not yet in the broker's tables. */
    MemoryQueue create(MemoryConnection conn, String queue, QueueSpec spec) {
        QueueType type;
        try {
            type = QueueTypeRules.checkNew(broker.version, queue, spec, spec.name().isEmpty());
        } catch (AmqpException e) {
            if (e.replyCode() == AmqpException.INTERNAL_ERROR) {
                conn.closedByBroker(e);
            }
            throw e;
        }
        QueueArgs args = QueueArgs.parse(queue, spec.arguments());
        Map<String, Object> stored = QueueTypeRules.stored(broker.version, type, spec.arguments());
        return type == QueueType.STREAM
                ? new MemoryStream(broker, queue, spec, args, stored, broker.version)
                : new MemoryQueue(broker, queue, spec, spec.exclusive() ? conn : null, args, type, stored);
    }

    /** A declare of an existing queue: refused (406, 405) unless equivalent; else it counts as a use. */
    void redeclare(MemoryQueue q, MemoryConnection conn, QueueSpec spec) {
        Equivalence.queue(q, spec, conn, QueueTypeRules.received(broker.version, q.arguments, spec.arguments()));
        q.declared();
    }

    /** {@code durable exclusive auto-delete x-queue-type=quorum ...}: the shape a TopologyChanged event carries. */
    static String describe(MemoryQueue q) {
        StringBuilder b = new StringBuilder();
        b.append(q.durable ? "durable" : "transient");
        if (q.exclusive) {
            b.append(" exclusive");
        }
        if (q.autoDelete) {
            b.append(" auto-delete");
        }
        q.arguments.forEach((k, v) -> b.append(' ').append(k).append('=').append(AmqpValues.format(v)));
        return b.toString();
    }
}
