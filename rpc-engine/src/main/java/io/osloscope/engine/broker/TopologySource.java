package io.osloscope.engine.broker;

/**
 * Capability: the broker's exchanges, queues (with counts) and bindings at one moment, without a management
 * API. The in-memory broker offers it; for RabbitMQ the sniffer reads the management API instead. Ask with
 * {@code broker.capability(TopologySource.class)}.
 */
public interface TopologySource {
    TopologySnapshot topology();
}
