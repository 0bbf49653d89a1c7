/**
 * RabbitMQ's routing rules, pure: topic matching, a binding's rule ({@link io.osloscope.engine.broker.routing.BindingRule}),
 * AMQP value comparison, and {@link io.osloscope.engine.broker.routing.TopologyRouter}, which routes over any
 * {@link io.osloscope.engine.broker.TopologySnapshot}. The in-memory broker routes with these rules and the sniffer
 * checks captured messages against the management API's bindings with the same ones. Depends on {@code broker} and
 * {@code observe} only.
 */
package io.osloscope.engine.broker.routing;
