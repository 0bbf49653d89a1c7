package io.osloscope.engine.broker;

import java.util.Locale;

/** The four AMQP 0-9-1 exchange types. {@link #amqpName()} is the name on the wire. */
public enum ExchangeType {
    DIRECT, TOPIC, FANOUT, HEADERS;

    public String amqpName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code direct}, {@code topic}, {@code fanout} or {@code headers} (any case). */
    public static ExchangeType fromAmqpName(String name) {
        for (ExchangeType t : values()) {
            if (t.amqpName().equalsIgnoreCase(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown exchange type '" + name + "'");
    }
}
