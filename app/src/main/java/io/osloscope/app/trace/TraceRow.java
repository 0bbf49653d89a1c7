package io.osloscope.app.trace;

/** One request in the Trace tab's list: its id, the method it started with, its size and what went wrong. */
public record TraceRow(String requestId, String firstMethod, int hops, double durationMillis, int timedOut,
                       int failed) {

    /** The list's text: {@code req-…  schedule_and_build_instances · 15 msgs · 820 ms · 1 timed out}. */
    public String label() {
        io.osloscope.app.fx.Texts t = io.osloscope.app.fx.Texts.of("io.osloscope.app.trace.TraceView");
        StringBuilder b = new StringBuilder();
        b.append(firstMethod == null ? "?" : firstMethod).append(t.get("row.size", hops, Math.round(durationMillis)));
        if (timedOut > 0) {
            b.append(t.get("row.timedOut", timedOut));
        }
        if (failed > 0) {
            b.append(t.get("row.failed", failed));
        }
        return b.toString();
    }
}
