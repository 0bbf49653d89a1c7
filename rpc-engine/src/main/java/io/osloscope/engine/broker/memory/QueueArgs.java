package io.osloscope.engine.broker.memory;

import io.osloscope.engine.broker.routing.AmqpValues;
import java.util.List;
import java.util.Map;

/**
 * The queue arguments the in-memory broker acts on, validated as RabbitMQ 3.10 validates them
 * ({@code invalid arg 'x-expires' for queue 'q' in vhost '/': {value_zero,0}}). -1 means absent.
 */
record QueueArgs(long ttlMs, long expiresMs, long maxLength, long maxLengthBytes) {

    /** The arguments RabbitMQ 3.10 compares on redeclare, in its order; others are ignored there. */
    static final List<String> EQUIVALENCE_KEYS = List.of("x-expires", "x-message-ttl", "x-dead-letter-exchange",
            "x-dead-letter-routing-key", "x-max-length", "x-max-length-bytes", "x-max-in-memory-length",
            "x-max-in-memory-bytes", "x-max-priority", "x-overflow", "x-queue-mode", "x-single-active-consumer",
            "x-queue-type", "x-quorum-initial-group-size", "x-max-age", "x-stream-max-segment-size-bytes",
            "x-initial-cluster-size", "x-queue-leader-locator", "x-delivery-limit", "x-queue-master-locator");

    static QueueArgs parse(String queue, Map<String, Object> args) {
        String rs = AmqpErrors.rsQueue(queue);
        return new QueueArgs(number(args, "x-message-ttl", rs, false), number(args, "x-expires", rs, true),
                number(args, "x-max-length", rs, false), number(args, "x-max-length-bytes", rs, false));
    }

    private static long number(Map<String, Object> args, String key, String rs, boolean positive) {
        if (!args.containsKey(key)) {
            return -1;
        }
        Object v = args.get(key);
        Long n = AmqpValues.integral(v);
        if (n == null) {
            throw AmqpErrors.invalidArg(key, rs, "{unacceptable_type," + AmqpValues.typeName(v) + "}");
        }
        if (n < 0) {
            throw AmqpErrors.invalidArg(key, rs, "{value_negative," + n + "}");
        }
        if (positive && n == 0) {
            throw AmqpErrors.invalidArg(key, rs, "{value_zero,0}");
        }
        return n;
    }
}
