package io.osloscope.app.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.osloscope.app.traffic.TrafficRow;
import io.osloscope.engine.broker.MessageProperties;
import io.osloscope.engine.observe.BrokerEvents.BindingMatch;
import io.osloscope.engine.observe.BrokerEvents.MessageDelivered;
import io.osloscope.engine.observe.BrokerEvents.MessageRouted;
import io.osloscope.engine.observe.EngineEvent;
import io.osloscope.engine.observe.MessageSnapshot;
import io.osloscope.engine.observe.RpcEvents.RpcReplyReceived;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds a {@link MessageDetail} from a stream row. Pure and thread-safe; runs on an engine executor. */
public final class MessageDetails {
    private MessageDetails() {
    }

    public static MessageDetail of(TrafficRow row, List<TrafficRow> flowRows) {
        MessageSnapshot snap = row.message();
        byte[] body = snap == null ? null : snap.body();
        ObjectNode inner = OsloDecoder.inner(body);
        ObjectNode masked = inner == null ? null : OsloDecoder.masked(inner);
        Map<String, String> ids = new LinkedHashMap<>();
        if (masked != null) {
            put(ids, "method", masked.path("method").asText(null));
            put(ids, "version", masked.path("version").asText(null));
            put(ids, "namespace", masked.path("namespace").asText(null));
            put(ids, "_msg_id", masked.path("_msg_id").asText(null));
            put(ids, "_reply_q", masked.path("_reply_q").asText(null));
            put(ids, "_unique_id", masked.path("_unique_id").asText(null));
            put(ids, "request_id", masked.path("_context_request_id").asText(null));
        }
        List<EngineEvent> flow = new ArrayList<>();
        for (TrafficRow r : flowRows.isEmpty() ? List.of(row) : flowRows) {
            flow.addAll(r.related());
            TrafficRow reply = r.reply();
            if (reply != null) {
                flow.addAll(reply.related());
            }
        }
        flow.sort(Comparator.comparingLong(EngineEvent::seq));
        return new MessageDetail(row.kind(), headline(row), properties(snap), OsloDecoder.rawText(body), masked,
                masked == null ? "(not an oslo JSON message)" : OsloDecoder.pretty(masked), ids,
                routing(row), reply(row), List.copyOf(flow));
    }

    private static String headline(TrafficRow row) {
        String what = row.method() != null ? row.method() : row.kind();
        String where = row.exchange() == null || row.exchange().isEmpty()
                ? "default exchange" : row.exchange();
        return row.kind() + "  " + what + "  →  " + where + " / " + row.routingKey();
    }

    static Map<String, String> properties(MessageSnapshot snap) {
        Map<String, String> m = new LinkedHashMap<>();
        if (snap == null) {
            return m;
        }
        MessageProperties p = snap.properties() == null ? MessageProperties.EMPTY : snap.properties();
        put(m, "content_type", p.contentType());
        put(m, "content_encoding", p.contentEncoding());
        m.put("headers", p.headers() == null ? "(absent)" : p.headers().toString());
        put(m, "delivery_mode", p.deliveryMode());
        put(m, "priority", p.priority());
        put(m, "correlation_id", p.correlationId());
        put(m, "reply_to", p.replyTo());
        put(m, "expiration", p.expiration());
        put(m, "message_id", p.messageId());
        put(m, "timestamp", p.timestamp());
        put(m, "type", p.type());
        put(m, "user_id", p.userId());
        put(m, "app_id", p.appId());
        m.put("body size", snap.size() + " bytes");
        return m;
    }

    static MessageDetail.Routing routing(TrafficRow row) {
        MessageRouted r = row.routed();
        List<String> consumers = new ArrayList<>();
        for (MessageDelivered d : row.deliveries()) {
            consumers.add("queue " + d.queue() + " → consumer " + (d.connection() == null ? "?"
                    : io.osloscope.app.traffic.TrafficAssembler.shortConnection(d.connection()))
                    + " (tag " + d.consumerTag() + (d.redelivered() ? ", redelivered" : "") + ")");
        }
        if (r == null) {
            String note = row.kind().equals("reply") || row.kind().equals("heartbeat")
                    ? "Replies go through the default exchange straight to the caller's reply queue."
                    : "No routing decision observed (RabbitMQ does not report which binding matched).";
            return new MessageDetail.Routing(row.exchange(), null, row.routingKey(), List.of(),
                    List.of(), consumers, note);
        }
        List<MessageDetail.BindingLine> lines = new ArrayList<>();
        for (BindingMatch b : r.bindings()) {
            lines.add(new MessageDetail.BindingLine(b.destination(), b.bindingKey(), b.matched(), b.reason()));
        }
        lines.sort(Comparator.comparing((MessageDetail.BindingLine b) -> !b.matched()));
        String note = r.unroutable() ? "No binding matched: the message was dropped"
                + (row.status().equals("returned") ? " and returned to the publisher." : ".") : null;
        return new MessageDetail.Routing(r.exchange(), r.exchangeType(), r.routingKey(), lines, r.queues(),
                consumers, note);
    }

    static MessageDetail.Reply reply(TrafficRow row) {
        if (!row.kind().equals("call") && !row.kind().equals("reply")) {
            return null;
        }
        TrafficRow replyRow = row.kind().equals("reply") ? row : row.reply();
        long latency = row.latency() == null ? -1 : row.latency().toMillis();
        for (EngineEvent e : row.related()) {
            if (e instanceof RpcReplyReceived rr && rr.latency() != null) {
                latency = rr.latency().toMillis();
            }
        }
        if (replyRow == null) {
            return new MessageDetail.Reply(row.status(), null, row.failureClass(), null, null, null, latency);
        }
        ObjectNode inner = OsloDecoder.inner(replyRow.message() == null ? null : replyRow.message().body());
        if (inner == null) {
            return new MessageDetail.Reply(row.status(), null, null, null, null, null, latency);
        }
        JsonNode failure = OsloDecoder.parseFailure(inner.get("failure"));
        if (failure != null) {
            String tb = joinTraceback(failure.get("tb"));
            return new MessageDetail.Reply("failed", null, failure.path("class").asText(null),
                    failure.path("module").asText(null), failure.path("message").asText(null), tb, latency);
        }
        return new MessageDetail.Reply("replied", OsloDecoder.pretty(inner.get("result")), null, null, null, null,
                latency);
    }

    private static String joinTraceback(JsonNode tb) {
        if (tb == null || tb.isNull()) {
            return null;
        }
        if (tb.isArray()) {
            StringBuilder sb = new StringBuilder();
            tb.forEach(l -> sb.append(l.asText()));
            return sb.toString();
        }
        return tb.asText();
    }

    private static void put(Map<String, String> m, String k, Object v) {
        if (v != null) {
            m.put(k, String.valueOf(v));
        }
    }
}
