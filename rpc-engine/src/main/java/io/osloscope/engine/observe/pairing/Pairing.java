package io.osloscope.engine.observe.pairing;

import java.time.Duration;

/**
 * What the pairing table made of one message. {@code call} is the call it belongs to (null when none
 * is known); {@code latency} is set for final replies to a known call.
 */
public record Pairing(Outcome outcome, TrackedCall call, Duration latency) {

    public enum Outcome {
        /** Not a call or reply (cast, notification, other). */
        NONE,
        /** A new call, now pending. */
        CALL_STARTED,
        /** A final reply matched its call. */
        PAIRED,
        /** A heartbeat for a pending call. */
        HEARTBEAT,
        /** A reply to a call already flagged as timed out. */
        LATE_REPLY,
        /** A reply whose call was never seen (sent before capture began, or not captured). */
        UNMATCHED_REPLY,
        /** A reply the broker routed nowhere: its reply queue has vanished (caller gone). */
        REPLY_QUEUE_GONE,
        /** A second copy of a message already seen (e.g. tap and firehose together, or a redelivery). */
        DUPLICATE
    }

    public static final Pairing NONE = new Pairing(Outcome.NONE, null, null);

    public Long latencyMillis() {
        return latency == null ? null : latency.toMillis();
    }
}
