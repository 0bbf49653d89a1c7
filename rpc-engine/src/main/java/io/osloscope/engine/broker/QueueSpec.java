package io.osloscope.engine.broker;

import java.util.Map;
import java.util.Objects;

/**
 * What to declare for a queue. An empty {@code name} asks the broker to name it
 * ({@code amq.gen-...}). Arguments understood by both brokers: {@code x-expires},
 * {@code x-message-ttl}, {@code x-max-length} (numbers, milliseconds or messages); others are
 * stored and compared on redeclare but have no effect in memory.
 */
public record QueueSpec(String name, boolean durable, boolean exclusive, boolean autoDelete,
                        Map<String, Object> arguments) {
    public QueueSpec {
        Objects.requireNonNull(name, "name");
        arguments = arguments == null ? Map.of() : Map.copyOf(arguments);
    }

    /** A non-durable, non-exclusive, non-auto-delete queue without arguments. */
    public static QueueSpec named(String name) {
        return new QueueSpec(name, false, false, false, Map.of());
    }

    /** A server-named, exclusive, auto-delete queue, the usual private queue of one client. */
    public static QueueSpec serverNamedExclusive() {
        return new QueueSpec("", false, true, true, Map.of());
    }

    public QueueSpec withDurable(boolean value) {
        return new QueueSpec(name, value, exclusive, autoDelete, arguments);
    }

    public QueueSpec withExclusive(boolean value) {
        return new QueueSpec(name, durable, value, autoDelete, arguments);
    }

    public QueueSpec withAutoDelete(boolean value) {
        return new QueueSpec(name, durable, exclusive, value, arguments);
    }

    public QueueSpec withArguments(Map<String, Object> value) {
        return new QueueSpec(name, durable, exclusive, autoDelete, value);
    }
}
