package io.osloscope.engine.trace;

import java.time.Instant;

/**
 * One message of a request: who sent it ({@code fromService}, {@code fromHost}: whatever the capture knows, null
 * otherwise), where it went ({@code toTopic}, {@code toServer}; a fanout's topic is its exchange without
 * {@code _fanout}), and for a call what came back: {@code latencyMs} (call publish to reply publish),
 * {@code outcome} ({@code pending}, {@code replied}, {@code failed}, {@code timed_out}, {@code reply_lost},
 * {@code late}), {@code blame} for a timeout (see {@link io.osloscope.engine.observe.pairing.Blame}) and who
 * answered ({@code replyService}, {@code replyHost}). Immutable.
 *
 * @param seq the message event's seq (MessagePublished or MessageCaptured)
 * @param kind call, cast, fanout or notification
 */
public record TraceHop(long seq, Instant at, String kind, String method, String fromService, String fromHost,
                       String toTopic, String toServer, String exchange, String msgId, String requestId,
                       String globalRequestId, Double latencyMs, String outcome, String blame, String replyService,
                       String replyHost) {

    public boolean isCall() {
        return "call".equals(kind);
    }

    TraceHop withReply(Double latency, String result, String service, String host) {
        return new TraceHop(seq, at, kind, method, fromService, fromHost, toTopic, toServer, exchange, msgId, requestId,
                globalRequestId, latency, result, blame, service, host);
    }

    TraceHop withSender(String service, String host) {
        return new TraceHop(seq, at, kind, method, service, host, toTopic, toServer, exchange, msgId, requestId,
                globalRequestId, latencyMs, outcome, blame, replyService, replyHost);
    }

    TraceHop withTimeout(String why) {
        return new TraceHop(seq, at, kind, method, fromService, fromHost, toTopic, toServer, exchange, msgId, requestId,
                globalRequestId, latencyMs, "timed_out", why, replyService, replyHost);
    }
}
