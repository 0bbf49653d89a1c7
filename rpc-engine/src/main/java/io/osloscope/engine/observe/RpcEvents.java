package io.osloscope.engine.observe;

import io.osloscope.engine.observe.pairing.Pairing;
import io.osloscope.engine.observe.pairing.TrackedCall;
import io.osloscope.engine.wire.MessageSummary;

import java.time.Duration;
import java.time.Instant;

/**
 * oslo RPC observations, correlated by {@code msgId} (the {@code _msg_id} of a call; null for
 * casts, which are correlated by {@code uniqueId}). {@code kind} is {@code call}, {@code cast} or
 * {@code fanout}. A call's outcome ({@link RpcReplyReceived}, {@link RpcTimedOut}, {@link RpcFailed}) also names
 * the call's message event by {@code callSeq} (its MessagePublished or MessageCaptured seq; 0 when unknown): the
 * {@link EventHub} fills it in for calls it saw published, the sniff pipeline for captured ones, so views need
 * no index of their own by {@code _msg_id}.
 */
public final class RpcEvents {
    private RpcEvents() {
    }

    public record RpcCallStarted(long seq, Instant at, String kind, String msgId, String uniqueId,
                                 String exchange, String topic, String server, String method, String version,
                                 String namespace, Duration timeout, String requestId) implements EngineEvent {
    }

    /** A server received a request on {@code queue}. */
    public record RpcRequestReceived(long seq, Instant at, String kind, String msgId, String uniqueId,
                                     String queue, String server, String method, String version,
                                     String namespace) implements EngineEvent {
    }

    /** The dispatcher chose {@code endpoint} for the request. */
    public record RpcDispatched(long seq, Instant at, String msgId, String uniqueId, String server, String endpoint,
                                String method) implements EngineEvent {
    }

    /** A server sent a reply ({@code ending} false for a call-monitor heartbeat; {@code failureClass} null on success). */
    public record RpcReplySent(long seq, Instant at, String msgId, String server, boolean ending,
                               String failureClass) implements EngineEvent {
    }

    /** A caller received its final reply. */
    public record RpcReplyReceived(long seq, Instant at, String msgId, String method, Duration latency,
                                   String failureClass, String failureMessage, long callSeq) implements EngineEvent {
        /** Not yet knowing the call's event (the hub fills {@code callSeq} in). */
        public RpcReplyReceived(long seq, Instant at, String msgId, String method, Duration latency,
                                String failureClass, String failureMessage) {
            this(seq, at, msgId, method, latency, failureClass, failureMessage, 0);
        }

        public RpcReplyReceived withCallSeq(long value) {
            return new RpcReplyReceived(seq, at, msgId, method, latency, failureClass, failureMessage, value);
        }
    }

    /** A call or cast failed locally or remotely (not a timeout). */
    public record RpcFailed(long seq, Instant at, String msgId, String method, String errorClass, String message,
                            long callSeq) implements EngineEvent {
        /** Not yet knowing the call's event (the hub fills {@code callSeq} in). */
        public RpcFailed(long seq, Instant at, String msgId, String method, String errorClass, String message) {
            this(seq, at, msgId, method, errorClass, message, 0);
        }

        public RpcFailed withCallSeq(long value) {
            return new RpcFailed(seq, at, msgId, method, errorClass, message, value);
        }
    }

    /**
     * A call got no final reply within its timeout. {@code blame} says where it was lost when the observer can tell
     * (the sniffer: {@code no_consumer}, {@code queue_backlog}, {@code callee_slow}, {@code reply_lost},
     * {@code reply_unread}, {@code unknown}, see {@link io.osloscope.engine.observe.pairing.Blame}); null from the RPC layer's own timeout.
     */
    public record RpcTimedOut(long seq, Instant at, String msgId, String method, Duration waited, long callSeq,
                              String blame) implements EngineEvent {
        /** Not yet knowing the call's event (the hub fills {@code callSeq} in). */
        public RpcTimedOut(long seq, Instant at, String msgId, String method, Duration waited) {
            this(seq, at, msgId, method, waited, 0, null);
        }

        public RpcTimedOut(long seq, Instant at, String msgId, String method, Duration waited, long callSeq) {
            this(seq, at, msgId, method, waited, callSeq, null);
        }

        public RpcTimedOut withCallSeq(long value) {
            return new RpcTimedOut(seq, at, msgId, method, waited, value, blame);
        }
    }

    /**
     * A message was paired with the call it answers, once, in the engine, for simulated and captured traffic
     * alike: {@code callSeq} and {@code replySeq} are the two message events (MessagePublished or
     * MessageCaptured), {@code latency} the time between their publishes. {@code outcome} is PAIRED,
     * REPLY_QUEUE_GONE (the reply went nowhere) or LATE_REPLY (after the call was flagged timed out).
     * {@code method} and {@code requestId} are the call's; {@code failureClass} is the reply's
     * {@code module.Class} for a remote failure, else null.
     */
    public record CallPaired(long seq, Instant at, String msgId, long callSeq, long replySeq, String method,
                             String requestId, Duration latency, String outcome, String failureClass)
            implements EngineEvent {

        /** The pairing event for a final reply (event {@code replySeq}), or null when it answered no known call. */
        public static CallPaired of(long seq, Instant at, long replySeq, MessageSummary reply, Pairing p) {
            if (p.call() == null || p.latency() == null || (p.outcome() != Pairing.Outcome.PAIRED
                    && p.outcome() != Pairing.Outcome.REPLY_QUEUE_GONE && p.outcome() != Pairing.Outcome.LATE_REPLY)) {
                return null;
            }
            TrackedCall call = p.call();
            return new CallPaired(seq, at, reply.msgId(), call.seq(), replySeq, call.method(), call.requestId(),
                    p.latency(), p.outcome().name(), reply.failureName());
        }
    }

    /** A request whose {@code _unique_id} was seen among the last 16 was acked and dropped. */
    public record RpcDuplicateDropped(long seq, Instant at, String uniqueId, String server, String method)
            implements EngineEvent {
    }
}
