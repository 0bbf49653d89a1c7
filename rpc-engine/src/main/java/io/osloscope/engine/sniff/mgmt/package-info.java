/**
 * RabbitMQ management HTTP API client (java.net.http + Jackson): topology snapshots (exchanges, queues
 * with depth, consumers and rates, bindings, connections mapped to oslo services) and the firehose
 * switch; quorum and stream details ({@code QueueDetails}: members, leader, delivery limit, redeliveries, stream
 * retention and consumers) in a map by queue name beside the snapshot. Calls block the calling thread; never call
 * from a UI thread.
 */
package io.osloscope.engine.sniff.mgmt;
