/**
 * The broker SPI in AMQP 0-9-1 vocabulary: exchanges, queues, bindings, publish, consume, ack.
 * Two implementations live below it ({@code memory} and {@code rabbit}); one conformance suite
 * proves them equal. Callbacks run on broker threads; nothing here touches a UI toolkit.
 *
 * <p>What only some brokers can do is a capability interface of this package, asked for with
 * {@link io.osloscope.engine.broker.Broker#capability(Class)}: {@code DeliveryPacing}, {@code RoutingExplainer},
 * {@code TopologySource}, {@code FaultControl}. Code outside an implementation's package never names
 * {@code InMemoryBroker}, {@code RabbitBroker} or a decorator class; it asks for the capability, and a
 * missing one is an ordinary {@code Optional.empty()}. {@link io.osloscope.engine.broker.TopologySnapshot} and
 * {@link io.osloscope.engine.broker.RoutingExplanation} are the capabilities' answers; the snapshot is also what the
 * sniffer's management client reads from a real RabbitMQ, the one topology type the app draws.
 */
package io.osloscope.engine.broker;
