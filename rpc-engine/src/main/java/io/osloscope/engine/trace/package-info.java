/**
 * Request traces without instrumentation: every message that carries a {@code _context_request_id} (or a
 * {@code _context_global_request_id}) joins that request's trace as a {@link io.osloscope.engine.trace.TraceHop}, calls
 * with their reply's latency and outcome. {@link io.osloscope.engine.trace.TraceCollector} builds them from the
 * observation stream, for simulated and sniffed traffic alike; {@link io.osloscope.engine.trace.TraceHops} is the one
 * place that maps a message to a hop (and names its sender). Any thread (the collector is synchronized).
 */
package io.osloscope.engine.trace;
