package io.osloscope.engine.broker;

import java.util.Map;

/**
 * How to consume: {@code consumerTag} null lets the broker choose one; {@code prefetch} 0 means
 * unlimited unacknowledged deliveries (only meaningful with manual ack); {@code exclusive} makes
 * this the queue's only consumer (403 ACCESS_REFUSED for a second one).
 */
public record ConsumeOptions(String consumerTag, boolean autoAck, int prefetch, boolean exclusive,
                             Map<String, Object> arguments) {
    public ConsumeOptions {
        if (prefetch < 0) {
            throw new IllegalArgumentException("prefetch must be >= 0, got " + prefetch);
        }
        arguments = arguments == null ? Map.of() : Map.copyOf(arguments);
    }

    public static ConsumeOptions manualAck(int prefetch) {
        return new ConsumeOptions(null, false, prefetch, false, Map.of());
    }

    public static ConsumeOptions autoAcking() {
        return new ConsumeOptions(null, true, 0, false, Map.of());
    }

    public ConsumeOptions withTag(String tag) {
        return new ConsumeOptions(tag, autoAck, prefetch, exclusive, arguments);
    }

    public ConsumeOptions withExclusive(boolean value) {
        return new ConsumeOptions(consumerTag, autoAck, prefetch, value, arguments);
    }
}
