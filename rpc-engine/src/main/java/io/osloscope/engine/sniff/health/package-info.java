/**
 * Health hints computed from a topology snapshot and the traffic seen: dead consumers, orphan queues,
 * growing backlogs, unroutable publishes, timeouts, latency outliers; on modern topologies queue-manager queues
 * grouped by host:process (reusable, not orphans; a warning when x-expires is near and calls wait there) and
 * {@code <topic>_fanout} streams with their consumers and retention. Pure functions, any thread.
 */
package io.osloscope.engine.sniff.health;
