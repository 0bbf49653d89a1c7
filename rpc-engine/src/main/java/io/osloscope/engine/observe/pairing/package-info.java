/**
 * Call/reply pairing: {@link io.osloscope.engine.observe.pairing.CallTracker} matches replies to calls by
 * {@code _msg_id}, flags timeouts and replies to vanished reply queues, and keeps per-method and per-host
 * latency histograms. Bounded memory; thread-safe (one writer, any number of snapshot readers).
 */
package io.osloscope.engine.observe.pairing;
