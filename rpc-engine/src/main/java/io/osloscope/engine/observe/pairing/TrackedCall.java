package io.osloscope.engine.observe.pairing;

import java.time.Duration;
import java.time.Instant;

/**
 * One call as the pairing table knows it. {@code host} is the server part of the routing key
 * ({@code compute.host1} → {@code host1}) or, for calls to a bare topic, where the reply came from.
 * {@code latency} and {@code repliedAt} are set once a final reply arrived. {@code seq} is the call's message
 * event ({@link io.osloscope.engine.observe.EngineEvent#seq()}), 0 when the feeder did not say.
 *
 * <p>What the firehose adds: {@code requestQueue} is the queue the broker routed the call to (null when unknown),
 * {@code deliveredAt} when that queue delivered it to the callee, {@code replyDeliveredAt} when the caller's reply
 * queue delivered the final reply to the caller. A call that timed out (or whose reply went nowhere) carries its
 * {@code blame} and {@code blameDetail} (one line saying what was missing); null otherwise.
 */
public record TrackedCall(String msgId, String method, String exchange, String topic, String host, String replyQ,
                          Instant sentAt, Duration timeout, CallStatus status, Instant repliedAt, Duration latency,
                          int heartbeats, String failureClass, long seq, String requestId, String requestQueue,
                          Instant deliveredAt, Blame blame, String blameDetail,
                          Instant replyDeliveredAt) {

    public enum CallStatus {
        /** Waiting for its reply. */
        PENDING,
        /** Final reply without failure. */
        REPLIED,
        /** Final reply carrying a remote exception. */
        FAILED,
        /** No reply within the call's expiration (its RPC timeout). */
        TIMED_OUT
    }

    /** Where the call's time went, as far as it is known (see {@link CallStages}). */
    public CallStages stages() {
        Duration queued = deliveredAt == null ? null : nonNegative(Duration.between(sentAt, deliveredAt));
        Instant calleeEnd = repliedAt != null ? repliedAt
                : status == CallStatus.TIMED_OUT ? sentAt.plus(timeout) : null;
        Duration inCallee = deliveredAt == null || calleeEnd == null ? null
                : nonNegative(Duration.between(deliveredAt, calleeEnd));
        Duration wayBack = repliedAt == null || replyDeliveredAt == null ? null
                : nonNegative(Duration.between(repliedAt, replyDeliveredAt));
        return new CallStages(queued, inCallee, wayBack);
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    TrackedCall withStatus(CallStatus s, Instant at, Duration lat, String failure, String replyHost) {
        return new TrackedCall(msgId, method, exchange, topic, host != null ? host : replyHost, replyQ, sentAt,
                timeout, s, at, lat, heartbeats, failure, seq, requestId, requestQueue, deliveredAt,
                blame, blameDetail, replyDeliveredAt);
    }

    TrackedCall withHeartbeat() {
        return new TrackedCall(msgId, method, exchange, topic, host, replyQ, sentAt, timeout, status, repliedAt,
                latency, heartbeats + 1, failureClass, seq, requestId, requestQueue, deliveredAt,
                blame, blameDetail, replyDeliveredAt);
    }

    TrackedCall withDelivered(Instant at) {
        return new TrackedCall(msgId, method, exchange, topic, host, replyQ, sentAt, timeout, status, repliedAt,
                latency, heartbeats, failureClass, seq, requestId, requestQueue, at, blame,
                blameDetail, replyDeliveredAt);
    }

    TrackedCall withBlame(Blame b, String detail) {
        return new TrackedCall(msgId, method, exchange, topic, host, replyQ, sentAt, timeout, status, repliedAt,
                latency, heartbeats, failureClass, seq, requestId, requestQueue, deliveredAt, b,
                detail, replyDeliveredAt);
    }

    TrackedCall withReplyDelivered(Instant at) {
        return new TrackedCall(msgId, method, exchange, topic, host, replyQ, sentAt, timeout, status, repliedAt,
                latency, heartbeats, failureClass, seq, requestId, requestQueue, deliveredAt, blame,
                blameDetail, at);
    }

    /** This call as timed out, keeping its reply (if any) and stages: a reply that went nowhere or was never read. */
    TrackedCall asTimedOut() {
        return new TrackedCall(msgId, method, exchange, topic, host, replyQ, sentAt, timeout, CallStatus.TIMED_OUT,
                repliedAt, latency, heartbeats, failureClass, seq, requestId, requestQueue, deliveredAt, blame,
                blameDetail, replyDeliveredAt);
    }
}
