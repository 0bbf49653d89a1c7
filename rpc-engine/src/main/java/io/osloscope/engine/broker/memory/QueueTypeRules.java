package io.osloscope.engine.broker.memory;

import io.osloscope.engine.broker.routing.AmqpValues;
import io.osloscope.engine.broker.QueueSpec;
import io.osloscope.engine.broker.QueueType;
import io.osloscope.engine.broker.RabbitVersion;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a queue declare must satisfy for its {@code x-queue-type}, per RabbitMQ release, measured on RabbitMQ 3.10.8
 * and 4.0.5: the type must be known; arguments of another type are refused; quorum and stream queues must be
 * durable, not exclusive and not auto-delete, and cannot be server-named; 4.x writes {@code x-queue-type: classic}
 * into a classic queue's arguments; upstream 4.3 refuses any non-durable, non-exclusive queue with 541.
 */
final class QueueTypeRules {
    /** Known arguments each type refuses ({@code ... of queue type rabbit_classic_queue}), as 3.10.8 and 4.0.5 do. */
    private static final List<String> NOT_CLASSIC = List.of("x-max-in-memory-length", "x-max-in-memory-bytes",
            "x-quorum-initial-group-size", "x-max-age", "x-stream-max-segment-size-bytes", "x-initial-cluster-size",
            "x-delivery-limit", "x-dead-letter-strategy");
    private static final List<String> NOT_QUORUM = List.of("x-max-priority", "x-queue-mode", "x-max-age",
            "x-stream-max-segment-size-bytes", "x-initial-cluster-size", "x-queue-master-locator", "x-queue-version");
    private static final List<String> NOT_STREAM = List.of("x-expires", "x-message-ttl", "x-dead-letter-exchange",
            "x-dead-letter-routing-key", "x-max-length", "x-max-in-memory-length", "x-max-in-memory-bytes",
            "x-max-priority", "x-overflow", "x-queue-mode", "x-single-active-consumer", "x-quorum-initial-group-size",
            "x-delivery-limit", "x-queue-master-locator", "x-dead-letter-strategy", "x-queue-version");
    /** RabbitMQ 4.0's delivery limit for quorum queues declared without {@code x-delivery-limit}. */
    static final int DEFAULT_DELIVERY_LIMIT_4X = 20;

    private QueueTypeRules() {
    }

    /**
     * Checks a declare of a new queue and returns its type; throws RabbitMQ's error otherwise.
     *
     * @param serverNamed the client left the name empty (the broker generated {@code queue})
     */
    static QueueType checkNew(RabbitVersion version, String queue, QueueSpec spec, boolean serverNamed) {
        Map<String, Object> args = spec.arguments();
        QueueType type = type(queue, args);
        if (serverNamed && type != QueueType.CLASSIC) {
            throw AmqpErrors.preconditionFailed("Cannot declare a server-named queue for type " + module(type));
        }
        List<String> refused = switch (type) {
            case CLASSIC -> NOT_CLASSIC;
            case QUORUM -> NOT_QUORUM;
            case STREAM -> NOT_STREAM;
        };
        for (String key : args.keySet()) {
            if (refused.contains(key) || (type == QueueType.CLASSIC && key.equals("x-queue-leader-locator")
                    && !version.atLeast(RabbitVersion.V4_0))) {
                throw AmqpErrors.argumentOfOtherType(key, queue, module(type));
            }
        }
        Object dlx = args.get("x-dead-letter-exchange");
        if (dlx != null && !(dlx instanceof String)) {
            throw AmqpErrors.preconditionFailed("invalid type '" + AmqpValues.typeName(dlx)
                    + "' for arg 'x-dead-letter-exchange' in " + AmqpErrors.rsQueue(queue));
        }
        if (args.containsKey("x-dead-letter-routing-key") && !args.containsKey("x-dead-letter-exchange")) {
            throw AmqpErrors.invalidArg("x-dead-letter-routing-key", AmqpErrors.rsQueue(queue),
                    "routing_key_but_no_dlx_defined");
        }
        if (version.atLeast(RabbitVersion.V4_3) && !spec.durable() && !spec.exclusive()) {
            throw AmqpErrors.transientNonExclusiveDenied();
        }
        if (type != QueueType.CLASSIC) {
            if (spec.autoDelete()) {
                throw AmqpErrors.invalidProperty("auto-delete", queue);
            }
            if (spec.exclusive()) {
                throw AmqpErrors.invalidProperty("exclusive-owner", queue);
            }
            if (!spec.durable()) {
                throw AmqpErrors.invalidProperty("non-durable", queue);
            }
        }
        return type;
    }

    /** The declared type; an unknown name or a non-string is refused as RabbitMQ refuses it. */
    private static QueueType type(String queue, Map<String, Object> args) {
        Object v = args.get(QueueType.ARGUMENT);
        if (v == null) {
            return QueueType.CLASSIC;
        }
        if (!(v instanceof String s)) {
            throw AmqpErrors.invalidArg(QueueType.ARGUMENT, AmqpErrors.rsQueue(queue),
                    "{unacceptable_type," + AmqpValues.typeName(v) + "}");
        }
        QueueType t = QueueType.byName(s);
        if (t == null) {
            throw AmqpErrors.invalidArg(QueueType.ARGUMENT, AmqpErrors.rsQueue(queue),
                    "\"unsupported queue type '" + s + "'\"");
        }
        return t;
    }

    /** RabbitMQ's module for the type, as its error texts name it. */
    private static String module(QueueType type) {
        return "rabbit_" + type.amqpName() + "_queue";
    }

    /** The arguments a new queue keeps: on 4.x a classic queue gets {@code x-queue-type: classic} added. */
    static Map<String, Object> stored(RabbitVersion version, QueueType type, Map<String, Object> args) {
        if (type != QueueType.CLASSIC || !version.atLeast(RabbitVersion.V4_0) || args.containsKey(QueueType.ARGUMENT)) {
            return args;
        }
        Map<String, Object> m = new LinkedHashMap<>(args);
        m.put(QueueType.ARGUMENT, QueueType.CLASSIC.amqpName());
        return Collections.unmodifiableMap(m);
    }

    /**
     * The arguments of a redeclare as RabbitMQ compares them with {@code current}: 4.x adds the default
     * {@code x-queue-type: classic} when none is given (so a bare redeclare of a quorum queue is "received 'classic'");
     * before 4.0 an explicit {@code classic} and no type are the same.
     */
    static Map<String, Object> received(RabbitVersion version, Map<String, Object> current, Map<String, Object> args) {
        boolean given = args.containsKey(QueueType.ARGUMENT);
        String classic = QueueType.CLASSIC.amqpName();
        if (version.atLeast(RabbitVersion.V4_0)) {
            return given ? args : with(args, classic);
        }
        boolean currentHas = current.containsKey(QueueType.ARGUMENT);
        if (given && !currentHas && classic.equals(args.get(QueueType.ARGUMENT))) {
            Map<String, Object> m = new LinkedHashMap<>(args);
            m.remove(QueueType.ARGUMENT);
            return m;
        }
        if (!given && classic.equals(current.get(QueueType.ARGUMENT))) {
            return with(args, classic);
        }
        return args;
    }

    private static Map<String, Object> with(Map<String, Object> args, String type) {
        Map<String, Object> m = new LinkedHashMap<>(args);
        m.put(QueueType.ARGUMENT, type);
        return m;
    }

    /**
     * The delivery limit of a quorum queue: {@code x-delivery-limit} when it is a non-negative integer; otherwise
     * none before 4.0 and RabbitMQ 4.0's default of 20 after (a negative value means no limit on every release).
     * -1 for no limit; classic and stream queues have none.
     */
    static long deliveryLimit(RabbitVersion version, QueueType type, Map<String, Object> args) {
        if (type != QueueType.QUORUM) {
            return -1;
        }
        Long n = args.containsKey("x-delivery-limit") ? AmqpValues.integral(args.get("x-delivery-limit")) : null;
        if (n != null) {
            return n < 0 ? -1 : n;
        }
        return version.atLeast(RabbitVersion.V4_0) ? DEFAULT_DELIVERY_LIMIT_4X : -1;
    }
}
