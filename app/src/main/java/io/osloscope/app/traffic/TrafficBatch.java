package io.osloscope.app.traffic;

import io.osloscope.engine.observe.EngineEvent;

import java.util.List;

/**
 * What one pump tick hands to the FX thread: new rows, whether older rows changed their outcome, and the
 * raw events (for views that draw topology or flows).
 */
public record TrafficBatch(List<TrafficRow> rows, boolean outcomesChanged, List<EngineEvent> events) {
}
