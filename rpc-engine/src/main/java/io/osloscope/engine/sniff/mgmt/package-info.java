/**
 * RabbitMQ management HTTP API client (java.net.http + Jackson): topology snapshots (exchanges, queues
 * with depth, consumers and rates, bindings, connections mapped to oslo services) and the firehose
 * switch. Calls block the calling thread; never call from a UI thread.
 */
package io.osloscope.engine.sniff.mgmt;
