/**
 * The RabbitMQ implementation of the broker SPI, on amqp-client: {@link io.osloscope.engine.broker.rabbit.RabbitBroker}
 * and its connection, publisher and consumer channels. Native failures are translated in one place,
 * {@link io.osloscope.engine.broker.rabbit.RabbitErrors}. Consumer callbacks run on per-connection
 * daemon pool threads (one at a time per consumer); return listeners on the connection's I/O thread.
 */
package io.osloscope.engine.broker.rabbit;
