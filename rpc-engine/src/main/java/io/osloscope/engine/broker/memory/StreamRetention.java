package io.osloscope.engine.broker.memory;

import io.osloscope.engine.broker.routing.AmqpValues;
import io.osloscope.engine.wire.MessageProperties;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Stream argument parsing ({@code x-max-age}) and the offset header every stored message carries. */
final class StreamRetention {
    /** RabbitMQ's units: years, months, days, hours, minutes, seconds ({@code "7D"}, {@code "1800s"}). */
    private static final Pattern AGE = Pattern.compile("(\\d+)([YMDhms])");
    private static final long DAY_MS = 86_400_000L;

    private StreamRetention() {
    }

    /**
     * {@code x-max-age} in milliseconds, -1 when absent. A number instead of a string, or a string without a
     * unit, is refused as RabbitMQ refuses it ({@code {unacceptable_type,signedint}}, {@code invalid_max_age}).
     */
    static long maxAgeMs(String queue, Object value) {
        if (value == null) {
            return -1;
        }
        if (!"longstr".equals(AmqpValues.typeName(value))) {
            throw AmqpErrors.invalidArg("x-max-age", AmqpErrors.rsQueue(queue),
                    "{unacceptable_type," + AmqpValues.typeName(value) + "}");
        }
        Matcher m = AGE.matcher(AmqpValues.format(value));
        if (!m.matches()) {
            throw AmqpErrors.invalidArg("x-max-age", AmqpErrors.rsQueue(queue), "invalid_max_age");
        }
        long n = Long.parseLong(m.group(1));
        long unit = switch (m.group(2)) {
            case "Y" -> 365 * DAY_MS;
            case "M" -> 30 * DAY_MS;
            case "D" -> DAY_MS;
            case "h" -> 3_600_000L;
            case "m" -> 60_000L;
            default -> 1_000L;
        };
        return Math.multiplyExact(n, unit);
    }

    /** Bytes per segment: {@code x-stream-max-segment-size-bytes} when it is a positive integer, else 1 MiB. */
    static long segmentBytes(Object value) {
        Long n = AmqpValues.integral(value);
        return n != null && n > 0 ? n : 1L << 20;
    }

    /** The message as the stream stores it: its headers plus {@code x-stream-offset} (a long). */
    static Published withOffset(Published p, long offset) {
        Map<String, Object> h = p.properties().headers();
        Map<String, Object> headers;
        if (h == null || h.isEmpty()) {
            headers = Map.of(StreamOffset.ARGUMENT, offset);
        } else {
            headers = new LinkedHashMap<>(h.size() + 2);
            headers.putAll(h);
            headers.put(StreamOffset.ARGUMENT, offset);
        }
        MessageProperties props = p.properties().withHeaders(headers);
        return new Published(p.ref(), p.exchange(), p.routingKey(), props, p.body(), -1, p.snapshot());
    }
}
