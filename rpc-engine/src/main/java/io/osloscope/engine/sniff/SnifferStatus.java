package io.osloscope.engine.sniff;

import java.time.Instant;
import java.util.List;

/**
 * What the sniffer is doing, for a status bar: the active mode with its cost and blind spot (always
 * shown to the user), counts, and the last problems.
 *
 * @param tracingSwitchedOn true while firehose tracing is on because this sniffer switched it on
 * @param dropped           captures dropped because decoding could not keep up (our buffer)
 * @param evicted           messages pushed out of the bounded history
 * @param brokerDropped     messages the broker dropped from the full capture queue (its x-max-length, drop-head),
 *                          counted as they are dead-lettered to the sniffer's overflow queue
 * @param tracingSwitchedOff times firehose tracing was found switched off by someone else (switched back on, the
 *                          hole marked as a gap; the messages in it are not counted)
 */
public record SnifferStatus(State state, CaptureMode mode, String cost, String blindSpot, String connectionId,
                            String captureQueue, List<String> tappedExchanges, boolean tracingSwitchedOn,
                            long captured, long dropped, long evicted, long gaps, Instant lastGapAt,
                            String lastProblem, String topologyProblem, long brokerDropped, long tracingSwitchedOff) {
    public enum State { STOPPED, CONNECTING, CAPTURING, RECONNECTING }

    /** Everything lost so far, in every counted stage. */
    public long lost() {
        return dropped + brokerDropped;
    }

    /**
     * One line for a capture-health strip: captured, and drops per stage (the broker's capture queue, our buffer),
     * tracing switched off, gaps and evictions; "nothing lost" when so.
     */
    public String captureHealth() {
        StringBuilder s = new StringBuilder(String.format("captured %,d", captured));
        s.append(brokerDropped == 0 && dropped == 0 && tracingSwitchedOff == 0 && gaps == 0 ? " · nothing lost"
                : String.format(" · dropped at the broker (capture queue full) %,d · dropped in our buffer %,d",
                brokerDropped, dropped));
        if (tracingSwitchedOff > 0) {
            s.append(String.format(" · tracing switched off behind our back %d time(s), uncounted losses",
                    tracingSwitchedOff));
        }
        if (gaps > 0) {
            s.append(String.format(" · gaps %d", gaps));
        }
        if (evicted > 0) {
            s.append(String.format(" · %,d oldest not kept (history full)", evicted));
        }
        return s.toString();
    }
}
