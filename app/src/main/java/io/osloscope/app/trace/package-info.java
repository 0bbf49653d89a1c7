/**
 * The Trace tab: requests followed by their request id across services, drawn as a timeline with one lane per
 * service@host (calls as spans with their latency, casts and fanouts as arrows), for the simulation, a live capture
 * or a recording alike. The traces are built by the engine's {@code TraceCollector} from the window's event
 * batches. FX thread.
 */
package io.osloscope.app.trace;
