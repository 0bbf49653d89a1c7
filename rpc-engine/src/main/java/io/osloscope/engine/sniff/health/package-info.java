/**
 * Health hints computed from a topology snapshot and the traffic seen: dead consumers, orphan queues,
 * growing backlogs, unroutable publishes, timeouts, latency outliers. Pure functions, any thread.
 */
package io.osloscope.engine.sniff.health;
