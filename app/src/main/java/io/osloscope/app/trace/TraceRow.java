package io.osloscope.app.trace;

/** One request in the Trace tab's list: its id, the method it started with, its size and what went wrong. */
public record TraceRow(String requestId, String firstMethod, int hops, double durationMillis, int timedOut,
                       int failed) {

    /** The list's text: {@code req-…  schedule_and_build_instances · 15 msgs · 820 ms · 1 timed out}. */
    public String label() {
        StringBuilder b = new StringBuilder();
        b.append(firstMethod == null ? "?" : firstMethod).append(" · ").append(hops).append(hops == 1 ? " msg" : " msgs")
                .append(" · ").append(Math.round(durationMillis)).append(" ms");
        if (timedOut > 0) {
            b.append(" · ").append(timedOut).append(" timed out");
        }
        if (failed > 0) {
            b.append(" · ").append(failed).append(" failed");
        }
        return b.toString();
    }
}
