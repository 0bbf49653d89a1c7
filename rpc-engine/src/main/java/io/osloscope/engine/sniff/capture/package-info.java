/**
 * The AMQP side of the sniffer (amqp-client): connection setup with TLS, one-line error translation,
 * and decoding of firehose trace messages. Runs on amqp-client's threads; only enqueues.
 */
package io.osloscope.engine.sniff.capture;
