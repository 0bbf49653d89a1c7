package io.osloscope.engine.broker.memory;

import io.osloscope.engine.broker.routing.AmqpValues;
import io.osloscope.engine.broker.ExchangeSpec;
import io.osloscope.engine.broker.QueueSpec;

import java.util.List;
import java.util.Map;

/**
 * RabbitMQ's redeclare checks, in its order and wording. For arguments only the listed keys count,
 * and integers of any width are one class.
 */
final class Equivalence {
    private Equivalence() {
    }

    /** Redeclaring an exchange: type, durable, auto_delete, then the alternate-exchange argument must agree. */
    static void exchange(MemoryExchange x, ExchangeSpec spec) {
        String rs = AmqpErrors.rsExchange(x.name);
        if (x.type != spec.type()) {
            throw AmqpErrors.inequivalent("type", rs, "'" + spec.type().amqpName() + "'", "'" + x.type.amqpName() + "'");
        }
        field("durable", rs, spec.durable(), x.durable);
        field("auto_delete", rs, spec.autoDelete(), x.autoDelete);
        check(x.arguments, spec.arguments(), rs, List.of("alternate-exchange"));
    }

    /**
     * Redeclaring a queue: the exclusive owner must be the same connection (405 otherwise), then
     * durable (an exclusive queue is never durable), auto_delete and the known arguments must agree.
     * {@code received} are the declare's arguments as the release compares them ({@link QueueTypeRules#received}).
     */
    static void queue(MemoryQueue q, QueueSpec spec, MemoryConnection conn, Map<String, Object> received) {
        if (q.owner != (spec.exclusive() ? conn : null)) {
            throw AmqpErrors.locked(q.name);
        }
        String rs = AmqpErrors.rsQueue(q.name);
        field("durable", rs, spec.durable() && !spec.exclusive(), q.durable);
        field("auto_delete", rs, spec.autoDelete(), q.autoDelete);
        check(q.arguments, received, rs, QueueArgs.EQUIVALENCE_KEYS);
    }

    private static void field(String name, String rs, boolean received, boolean current) {
        if (received != current) {
            throw AmqpErrors.inequivalent(name, rs, "'" + received + "'", "'" + current + "'");
        }
    }

    static void check(Map<String, Object> current, Map<String, Object> received, String resource, List<String> keys) {
        for (String key : keys) {
            boolean hasCur = current.containsKey(key);
            boolean hasNew = received.containsKey(key);
            if (!hasCur && !hasNew) {
                continue;
            }
            Object cur = current.get(key);
            Object rec = received.get(key);
            if (hasCur && hasNew) {
                if (!AmqpValues.typeClass(cur).equals(AmqpValues.typeClass(rec)) || !AmqpValues.sameValue(cur, rec)) {
                    throw AmqpErrors.inequivalent(key, resource, "'" + AmqpValues.format(rec) + "'",
                            "'" + AmqpValues.format(cur) + "'");
                }
                continue;
            }
            throw AmqpErrors.inequivalent(key, resource, hasNew ? tagged(rec) : "none", hasCur ? tagged(cur) : "none");
        }
    }

    private static String tagged(Object v) {
        return "the value '" + AmqpValues.format(v) + "' of type '" + AmqpValues.typeName(v) + "'";
    }
}
