/**
 * The broker SPI in AMQP 0-9-1 vocabulary: exchanges, queues, bindings, publish, consume, ack.
 * Two implementations live below it ({@code memory} and {@code rabbit}); one conformance suite
 * proves them equal. Callbacks run on broker threads; nothing here touches a UI toolkit.
 */
package io.osloscope.engine.broker;
