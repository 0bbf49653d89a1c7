package io.osloscope.engine.observe.pairing;

import java.time.Duration;

/**
 * Where a call's time went, each stage null when the capture did not see both of its ends: {@code queued} from the
 * call's publish to its delivery to the callee (firehose {@code deliver} trace), {@code inCallee} from that delivery
 * to the reply's publish (or to the deadline when no reply came). The way back (reply publish to its delivery from
 * the reply queue) is not measured yet: a reply the broker routed nowhere is blamed {@link Blame#REPLY_LOST}.
 */
public record CallStages(Duration queued, Duration inCallee) {
    public static final CallStages NONE = new CallStages(null, null);

    /** Each known stage in milliseconds, as recordings and the command line print them. */
    public Long queuedMillis() {
        return queued == null ? null : queued.toMillis();
    }

    public Long inCalleeMillis() {
        return inCallee == null ? null : inCallee.toMillis();
    }
}
