package io.osloscope.engine.observe.pairing;

import java.time.Duration;
import java.time.Instant;

/**
 * One call as the pairing table knows it. {@code host} is the server part of the routing key
 * ({@code compute.host1} → {@code host1}) or, for calls to a bare topic, where the reply came from.
 * {@code latency} and {@code repliedAt} are set once a final reply arrived. {@code seq} is the call's message
 * event ({@link io.osloscope.engine.observe.EngineEvent#seq()}), 0 when the feeder did not say.
 */
public record TrackedCall(String msgId, String method, String exchange, String topic, String host, String replyQ,
                          Instant sentAt, Duration timeout, CallStatus status, Instant repliedAt, Duration latency,
                          int heartbeats, String failureClass, long seq, String requestId) {

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

    TrackedCall withStatus(CallStatus s, Instant at, Duration lat, String failure, String replyHost) {
        return new TrackedCall(msgId, method, exchange, topic, host != null ? host : replyHost, replyQ, sentAt,
                timeout, s, at, lat, heartbeats, failure, seq, requestId);
    }

    TrackedCall withHeartbeat() {
        return new TrackedCall(msgId, method, exchange, topic, host, replyQ, sentAt, timeout, status, repliedAt,
                latency, heartbeats + 1, failureClass, seq, requestId);
    }
}
