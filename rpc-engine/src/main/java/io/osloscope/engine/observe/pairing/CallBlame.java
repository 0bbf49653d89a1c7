package io.osloscope.engine.observe.pairing;

import java.time.Duration;
import java.time.Instant;

/**
 * Decides where a call without a reply lost its time ({@link Blame}), from what the capture saw: whether the
 * request queue delivered the call (firehose {@code deliver} traces), whether that queue delivered anything else
 * while the call waited, whether the broker routed the call or its reply anywhere. Used by {@link CallTracker}
 * when a call passes its deadline; pure and stateless.
 */
final class CallBlame {
    private CallBlame() {
    }

    /**
     * The blame of {@code call}, timed out at {@code deadline}. {@code lastQueueDelivery} is the last delivery
     * the firehose reported from the call's request queue (null when none); {@code deliveriesObserved} whether the
     * capture reports deliveries at all (firehose yes, tap no).
     */
    static TrackedCall blame(TrackedCall call, Instant deadline, Instant lastQueueDelivery, boolean deliveriesObserved) {
        String queue = call.requestQueue();
        if (call.deliveredAt() != null) {
            Duration in = Duration.between(call.deliveredAt(), deadline);
            return call.withBlame(Blame.CALLEE_SLOW, "delivered from " + queue + " after "
                    + millis(Duration.between(call.sentAt(), call.deliveredAt())) + ", no reply in the "
                    + millis(in) + " the callee had");
        }
        if (queue != null && queue.isEmpty()) {
            return call.withBlame(Blame.NO_CONSUMER, "the broker routed the call to no queue: nothing listens on "
                    + routingKey(call));
        }
        if (!deliveriesObserved) {
            return call.withBlame(Blame.UNKNOWN, "no reply; this capture does not see deliveries (firehose does)");
        }
        String where = queue == null ? routingKey(call) : queue;
        if (lastQueueDelivery != null && lastQueueDelivery.isAfter(call.sentAt())) {
            return call.withBlame(Blame.QUEUE_BACKLOG, "never delivered, although " + where
                    + " was being consumed: it waited behind other messages for " + millis(Duration.between(
                    call.sentAt(), deadline)));
        }
        return call.withBlame(Blame.NO_CONSUMER, "never delivered: nobody consumed " + where + " in the "
                + millis(Duration.between(call.sentAt(), deadline)) + " the caller waited");
    }

    /** The blame of a call whose reply the broker routed to no queue. */
    static TrackedCall replyLost(TrackedCall call) {
        return call.withBlame(Blame.REPLY_LOST, "the callee replied, but the broker routed the reply to no queue ("
                + call.replyQ() + " is gone)");
    }

    /**
     * The blame of a call whose reply was queued in time in {@code call.replyQ()} but not delivered to the caller by
     * {@code deadline} (delivered later, or not seen delivered at all).
     */
    static TrackedCall replyUnread(TrackedCall call, Instant deadline) {
        String answered = "the callee replied after " + millis(Duration.between(call.sentAt(), call.repliedAt()));
        if (call.replyDeliveredAt() != null) {
            return call.withBlame(Blame.REPLY_UNREAD, answered + ", but " + call.replyQ() + " delivered the reply only "
                    + millis(Duration.between(call.repliedAt(), call.replyDeliveredAt())) + " later, past the "
                    + millis(call.timeout()) + " deadline: the caller was slow to read its reply queue");
        }
        return call.withBlame(Blame.REPLY_UNREAD, answered + ", but nobody read " + call.replyQ() + " before the "
                + millis(Duration.between(call.sentAt(), deadline)) + " deadline: the reply waits there undelivered");
    }

    private static String routingKey(TrackedCall c) {
        return c.host() == null ? c.topic() : c.topic() + "." + c.host();
    }

    private static String millis(Duration d) {
        long ms = d.toMillis();
        return ms >= 10_000 ? ms / 1000 + " s" : ms >= 1000 ? String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0)
                : ms + " ms";
    }
}
