package io.osloscope.engine.broker;

import io.osloscope.engine.observe.EventHub;

/**
 * A message broker reached through the AMQP 0-9-1 model: the embedded
 * {@link io.osloscope.engine.broker.memory.InMemoryBroker} or a real RabbitMQ through
 * {@link io.osloscope.engine.broker.rabbit.RabbitBroker}. Everything above this SPI (the oslo
 * driver, RPC, the simulated services) works unchanged on either.
 *
 * <p>Every broker publishes what it observes to its {@link #events()} hub; the in-memory broker
 * sees every routing decision, RabbitMQ only what this process itself publishes and receives.
 */
public interface Broker extends AutoCloseable {

    /** Opens a connection. Throws {@link io.osloscope.engine.error.TransportConnectionException} with a one-line reason. */
    BrokerConnection connect(ConnectionOptions options);

    /** Where observations of this broker are published. */
    EventHub events();

    /** A short human description without credentials, e.g. {@code memory://} or {@code rabbit://127.0.0.1:5672/}. */
    String describe();

    /** True when routing decisions are observed (which binding matched, which queues were reached). */
    boolean observesRouting();

    /** Closes every connection this broker object opened. Idempotent. */
    @Override
    void close();
}
