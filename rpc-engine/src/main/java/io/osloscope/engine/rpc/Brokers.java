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

    // NOTE(merge): resolved reflectively until the broker branches are merged; replaced by direct calls then.
    static Broker memory(String name) {
        try {
            Class<?> c = Class.forName("io.osloscope.engine.broker.memory.InMemoryBroker");
            Method m = name == null ? c.getMethod("shared") : c.getMethod("named", String.class);
            return (Broker) (name == null ? m.invoke(null) : m.invoke(null, name));
        } catch (ReflectiveOperationException e) {
            throw new TransportConnectionException("the in-memory broker is not available in this build");
        }
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
