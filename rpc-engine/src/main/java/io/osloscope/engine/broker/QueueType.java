package io.osloscope.engine.broker;

import java.util.Map;

/**
 * RabbitMQ's queue types, chosen by the {@code x-queue-type} declare argument: classic (the default), quorum
 * (replicated, durable only, redeliveries counted) and stream (an append-only log read without removing).
 */
public enum QueueType {
    CLASSIC("classic"),
    QUORUM("quorum"),
    STREAM("stream");

    /** The declare argument that chooses the type. */
    public static final String ARGUMENT = "x-queue-type";

    private final String amqpName;

    QueueType(String amqpName) {
        this.amqpName = amqpName;
    }

    /** The name RabbitMQ uses in {@code x-queue-type} and in the management API. */
    public String amqpName() {
        return amqpName;
    }

    /** The type named by {@code name} ({@code classic}, {@code quorum}, {@code stream}), or null for any other. */
    public static QueueType byName(String name) {
        for (QueueType t : values()) {
            if (t.amqpName.equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** The type a declare with these arguments asks for: classic without {@code x-queue-type}, null for an unknown name. */
    public static QueueType of(Map<String, Object> arguments) {
        Object v = arguments.get(ARGUMENT);
        return v == null ? CLASSIC : byName(v.toString());
    }
}
