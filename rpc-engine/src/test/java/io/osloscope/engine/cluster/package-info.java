/**
 * Tests on the three-node RabbitMQ cluster of {@code .ci/cluster}: a node stopped mid-run, servers and the
 * sniffer failing over through oslo's multi-host transport URL.
 */
package io.osloscope.engine.cluster;
