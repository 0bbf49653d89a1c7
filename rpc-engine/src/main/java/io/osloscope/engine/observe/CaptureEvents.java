package io.osloscope.engine.observe;

import java.time.Instant;
import java.util.List;

/** Sniffer observations of a real broker's traffic. */
public final class CaptureEvents {
    private CaptureEvents() {
    }

    /**
     * A message seen on the wire by the sniffer: {@code direction} is "publish" or "deliver"
     * (firehose) or "tap"; {@code routedQueues} as the firehose reports them (empty when unknown).
     */
    public record MessageCaptured(long seq, Instant at, String direction, String exchange, String routingKey,
                                  List<String> routedQueues, String connection, MessageSnapshot message)
            implements EngineEvent {
    }

    /** Capture was interrupted (connection lost, broker restart) between {@code at} and {@code resumedAt}. */
    public record CaptureGap(long seq, Instant at, Instant resumedAt, String reason) implements EngineEvent {
    }
}
