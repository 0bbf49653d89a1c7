package io.osloscope.engine.sniff;

import java.time.Instant;
import java.util.List;

/**
 * What the sniffer is doing, for a status bar: the active mode with its cost and blind spot (always
 * shown to the user), counts, and the last problems.
 *
 * @param tracingSwitchedOn true while firehose tracing is on because this sniffer switched it on
 * @param dropped           captures dropped because decoding could not keep up
 * @param evicted           messages pushed out of the bounded history
 */
public record SnifferStatus(State state, CaptureMode mode, String cost, String blindSpot, String connectionId,
                            String captureQueue, List<String> tappedExchanges, boolean tracingSwitchedOn,
                            long captured, long dropped, long evicted, long gaps, Instant lastGapAt,
                            String lastProblem, String topologyProblem) {
    public enum State { STOPPED, CONNECTING, CAPTURING, RECONNECTING }
}
