package io.osloscope.engine.observe.pairing;

import java.time.Duration;

/**
 * Where a call's time went, each stage null when the capture did not see both of its ends: {@code queued} from the
 * call's publish to its delivery to the callee (firehose {@code deliver} trace), {@code inCallee} from that delivery
 * to the reply's publish (or to the deadline when no reply came), {@code wayBack} from the reply's publish to its
 * delivery to the caller from the caller's reply queue (the reply's {@code deliver} trace). A reply the broker routed
 * nowhere is blamed {@link Blame#REPLY_LOST}, one published but not delivered in time {@link Blame#REPLY_UNREAD}.
 */
public record CallStages(Duration queued, Duration inCallee, Duration wayBack) {
    public static final CallStages NONE = new CallStages(null, null, null);

    /** Each known stage in milliseconds, as recordings and the command line print them. */
    public Long queuedMillis() {
        return millis(queued);
    }

    public Long inCalleeMillis() {
        return millis(inCallee);
    }

    public Long wayBackMillis() {
        return millis(wayBack);
    }

    private static Long millis(Duration d) {
        return d == null ? null : d.toMillis();
    }
}
