package io.osloscope.engine.observe.pairing;

import java.util.Locale;

/**
 * Where a call that got no reply in time lost it, as far as the capture can tell (see {@link CallBlame}): the
 * first stage of call → request queue → callee → reply queue that did not happen.
 */
public enum Blame {
    /** The request was never delivered and its queue saw no delivery at all meanwhile: nobody consumes it. */
    NO_CONSUMER,
    /** The request was never delivered, but its queue was being consumed: it waited behind other messages. */
    QUEUE_BACKLOG,
    /** The callee got the request and did not answer in time. */
    CALLEE_SLOW,
    /** The callee answered, but the broker routed the reply to no queue (reply queue gone, reply returned). */
    REPLY_LOST,
    /**
     * The callee answered in time and the broker queued the reply, but the caller's reply queue did not deliver it
     * before the deadline: nobody was reading that queue (the caller stuck, or its consumer gone).
     */
    REPLY_UNREAD,
    /** The capture cannot tell (tap mode sees no deliveries). */
    UNKNOWN;

    /** The name in recordings and JSON: {@code no_consumer}, {@code queue_backlog}, ... */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
