/**
 * The AMQP side of the sniffer (amqp-client): what one capture holds ({@link io.osloscope.engine.sniff.capture.RawCapture}),
 * decoding of firehose trace messages and the reply-queue probe.
 * Connections are opened by {@link io.osloscope.engine.broker.rabbit.RabbitBroker#openClientConnection} (TLS
 * by {@code RabbitTls}) and failures are put in one line by {@code RabbitErrors}; the transport URL is parsed
 * by {@link io.osloscope.engine.rpc.TransportUrl}. Runs on amqp-client's threads; only enqueues.
 */
package io.osloscope.engine.sniff.capture;
