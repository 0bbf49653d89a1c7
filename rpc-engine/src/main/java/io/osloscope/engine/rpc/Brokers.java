package io.osloscope.engine.rpc;

import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.broker.rabbit.RabbitSettings;
import io.osloscope.engine.error.TransportConnectionException;
import io.osloscope.engine.observe.EventHub;

import java.lang.reflect.Method;

/** Creates the broker behind a transport URL. */
final class Brokers {
    private Brokers() {
    }

    private static final java.util.Map<String, Broker> MEMORY = new java.util.concurrent.ConcurrentHashMap<>();

    // NOTE(merge, rpc-interop): the in-memory broker has no shared()/named() factories yet, so the
    // JVM-wide memory:// and memory://NAME brokers are kept here; rpc-core's own wiring replaces this.
    static Broker memory(String name) {
        String key = name == null ? "" : name;
        return MEMORY.computeIfAbsent(key, k -> new io.osloscope.engine.broker.memory.InMemoryBroker(
                new EventHub(), io.osloscope.engine.broker.memory.Limits.DEFAULT, k));
    }

    static Broker rabbit(RabbitSettings settings) {
        try {
            Class<?> c = Class.forName("io.osloscope.engine.broker.rabbit.RabbitBroker");
            return (Broker) c.getConstructor(RabbitSettings.class, EventHub.class).newInstance(settings, new EventHub());
        } catch (ReflectiveOperationException e) {
            throw new TransportConnectionException("the RabbitMQ broker is not available in this build");
        }
    }
}
