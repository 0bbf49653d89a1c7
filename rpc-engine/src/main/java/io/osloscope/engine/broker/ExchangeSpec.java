package io.osloscope.engine.broker;

import java.util.Map;
import java.util.Objects;

/**
 * What to declare for an exchange. Redeclaring an existing exchange with different type, durable,
 * auto-delete or arguments fails with 406 PRECONDITION_FAILED, as on RabbitMQ.
 */
public record ExchangeSpec(String name, ExchangeType type, boolean durable, boolean autoDelete,
                           Map<String, Object> arguments) {
    public ExchangeSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        arguments = arguments == null ? Map.of() : Map.copyOf(arguments);
    }

    public static ExchangeSpec of(String name, ExchangeType type) {
        return new ExchangeSpec(name, type, false, false, Map.of());
    }

    public ExchangeSpec withDurable(boolean value) {
        return new ExchangeSpec(name, type, value, autoDelete, arguments);
    }

    public ExchangeSpec withAutoDelete(boolean value) {
        return new ExchangeSpec(name, type, durable, value, arguments);
    }
}
