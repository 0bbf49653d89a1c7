package io.osloscope.engine.broker.memory;

import io.osloscope.engine.broker.routing.AmqpValues;
import java.util.Date;

/**
 * Where a stream consumer starts, from the consume argument {@code x-stream-offset}: {@code "first"},
 * {@code "last"}, {@code "next"} (also when absent), a number (an offset), or an AMQP timestamp
 * ({@link Date}; on the wire in whole seconds, so the first message appended at or after that second).
 * Anything else is refused as RabbitMQ refuses it: 541 INTERNAL_ERROR, closing the connection, before 4.3; a 406
 * from 4.3 on.
 */
record StreamOffset(Kind kind, long value) {
    static final String ARGUMENT = "x-stream-offset";

    enum Kind { FIRST, LAST, NEXT, OFFSET, TIMESTAMP_MS }

    static StreamOffset parse(Object arg, String queue, io.osloscope.engine.broker.RabbitVersion rules) {
        if (arg == null) {
            return new StreamOffset(Kind.NEXT, 0);
        }
        if (arg instanceof Date d) {
            return new StreamOffset(Kind.TIMESTAMP_MS, Math.floorDiv(d.getTime(), 1000) * 1000);
        }
        Long n = AmqpValues.integral(arg);
        if (n != null) {
            return new StreamOffset(Kind.OFFSET, Math.max(0, n));
        }
        switch (arg.toString()) {
            case "first":
                return new StreamOffset(Kind.FIRST, 0);
            case "last":
                return new StreamOffset(Kind.LAST, 0);
            case "next":
                return new StreamOffset(Kind.NEXT, 0);
            default:
                throw StreamErrors.badOffset(queue, arg, rules);
        }
    }
}
