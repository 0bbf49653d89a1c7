package io.osloscope.engine.broker;

import java.util.Locale;

/** The four AMQP 0-9-1 exchange types. {@link #amqpName()} is the name on the wire. */
public enum ExchangeType {
    DIRECT, TOPIC, FANOUT, HEADERS;

    private final String amqpName = name().toLowerCase(Locale.ROOT);

    /** Asked once per publish while routing is observed, hence computed once. */
    public String amqpName() {
        return amqpName;
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
