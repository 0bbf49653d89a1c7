package io.osloscope.engine.broker;

import io.osloscope.engine.observe.EventHub;

import java.util.Optional;

/**
 * A message broker reached through the AMQP 0-9-1 model: the embedded
 * {@link io.osloscope.engine.broker.memory.InMemoryBroker} or a real RabbitMQ through
 * {@link io.osloscope.engine.broker.rabbit.RabbitBroker}. Everything above this SPI (the oslo
 * driver, RPC, the simulated services) works unchanged on either.
 *
 * <p>Every broker publishes what it observes to its {@link #events()} hub; the in-memory broker
 * sees every routing decision, RabbitMQ only what this process itself publishes and receives.
 *
 * <p>What only some brokers can do is offered as a <em>capability</em>, an interface of this package asked for
 * with {@link #capability(Class)}: {@link DeliveryPacing} (pause, step, speed), {@link RoutingExplainer} (why a
 * message would go where), {@link TopologySource} (exchanges, queues and bindings without a management API) and
 * {@link FaultControl} (fault injection). Callers never downcast to an implementation class; a decorator
 * ({@link ForwardingBroker}) passes the question on to the broker it wraps unless it answers it itself.
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

    /**
     * The capability {@code type} (an interface of this package) if this broker has it. By default a broker has
     * the capabilities it implements itself; a broker that delegates one to a helper object overrides this.
     */
    default <T> Optional<T> capability(Class<T> type) {
        return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
    }

    /** Closes every connection this broker object opened. Idempotent. */
    @Override
    void close();
}
