package io.osloscope.app.message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.osloscope.app.traffic.TrafficRow;
import io.osloscope.engine.wire.MessageProperties;
import io.osloscope.engine.observe.BrokerEvents.BindingMatch;
import io.osloscope.engine.observe.BrokerEvents.MessageDelivered;
import io.osloscope.engine.observe.BrokerEvents.MessageDiscarded;
import io.osloscope.engine.observe.BrokerEvents.MessageRequeued;
import io.osloscope.engine.observe.BrokerEvents.StreamAppended;
import io.osloscope.engine.observe.BrokerEvents.StreamRead;
import io.osloscope.engine.observe.BrokerEvents.MessageRouted;
import io.osloscope.engine.observe.CaptureEvents.RoutingChecked;
import io.osloscope.engine.observe.EngineEvent;
import io.osloscope.engine.observe.MessageSnapshot;
import io.osloscope.engine.observe.RpcEvents.RpcReplyReceived;
import io.osloscope.engine.wire.DecodedMessage;
import io.osloscope.engine.wire.OsloDecoder;
import io.osloscope.engine.wire.RemoteFailure;
import io.osloscope.engine.wire.Secrets;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a {@link MessageDetail} from a stream row with the engine's {@link OsloDecoder}, the same reading of the
 * wire the sniffer uses. Pure and thread-safe; runs on an engine executor.
 */
public final class MessageDetails {
    private static final OsloDecoder DECODER = new OsloDecoder();
    private static final ObjectWriter PRETTY = DECODER.mapper().writerWithDefaultPrettyPrinter();
    // NOTE(secrets): a "key": "value" pair, bare or escaped inside the oslo.message string (\"key\": \"value\")
    private static final Pattern STRING_PAIR =
            Pattern.compile("(\\\\?\"([^\"\\\\]+)\\\\?\"\\s*:\\s*\\\\?\")([^\"\\\\]+)");

    private MessageDetails() {
    }

    /**
     * What a source knows of a queue beyond the message's events: its type and settings as one short text
     * ({@code quorum · delivery limit 20}), null when it knows nothing or the queue is classic.
     */
    @FunctionalInterface
    public interface QueueDescriber {
        QueueDescriber NONE = queue -> null;

        String describe(String queue);

        /** From a broker's topology (the simulated broker's {@code TopologySource}): type, limits, counts. */
        static QueueDescriber fromTopology(io.osloscope.engine.broker.TopologySource source) {
            return queue -> source.topology().queue(queue).map(MessageDetails::describe).orElse(null);
        }
    }

    /** The inspector's texts in the window's language (InspectorView.properties); field names of oslo stay. */
    private static io.osloscope.app.fx.Texts t() {
        return io.osloscope.app.fx.Texts.of("io.osloscope.app.message.InspectorView");
    }

    /**
     * A quorum queue's or a stream's settings and counts as one line, as the broker holds it now (said so: after a
     * dialect switch an older message went to a classic queue of the same name); null for a classic queue.
     */
    static String describe(io.osloscope.engine.broker.TopologySnapshot.QueueView q) {
        if (q.type() == io.osloscope.engine.broker.QueueType.QUORUM) {
            Object limit = q.arguments().get("x-delivery-limit");
            return t().get("queue.quorum", limit == null ? t().get("queue.brokerDefault") : limit, q.ready(),
                    q.unacked());
        }
        if (q.type() == io.osloscope.engine.broker.QueueType.STREAM) {
            Object age = q.arguments().get("x-max-age");
            var log = q.stream();
            return t().get("queue.stream", age == null ? t().get("queue.none") : age)
                    + (log == null ? "" : t().get("queue.offsets", log.firstOffset(), log.lastOffset()));
        }
        return null;
    }

    public static MessageDetail of(TrafficRow row, List<TrafficRow> flowRows) {
        return of(row, flowRows, QueueDescriber.NONE);
    }

    public static MessageDetail of(TrafficRow row, List<TrafficRow> flowRows, QueueDescriber queues) {
        MessageSnapshot snap = row.message();
        byte[] body = snap == null ? null : snap.body();
        MessageProperties props = snap == null ? null : snap.properties();
        ObjectNode envelope = DECODER.unwrap(props, body);
        Map<String, String> ids = new LinkedHashMap<>();
        io.osloscope.engine.wire.Sender from = snap == null ? null : snap.summary().from();
        if (from != null) {
            put(ids, t().get("field.from"), from.label() + (from.pid() == null ? "" : " (pid " + from.pid() + ")"));
        }
        if (envelope != null) {
            DecodedMessage m = DECODER.decode(props, body, row.exchange(), row.routingKey());
            put(ids, "method", m.method());
            if (m.objectCall() != null) {
                put(ids, t().get("field.objectCall"), m.objectCall().label());
                put(ids, t().get("field.objectUuid"), m.objectCall().objectUuid());
                if (!m.objectCall().changedFields().isEmpty()) {
                    put(ids, t().get("field.changedFields"), String.join(", ", m.objectCall().changedFields()));
                }
            }
            put(ids, "version", m.version());
            put(ids, "namespace", m.namespace());
            put(ids, "_msg_id", m.msgId());
            put(ids, "_reply_q", m.replyQ());
            put(ids, "_unique_id", m.uniqueId());
            put(ids, "request_id", m.requestId());
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
        return new MessageDetail(row.kind(), headline(row), properties(snap), rawText(body), envelope,
                envelope == null ? t().get("notOslo") : pretty(envelope), ids,
                routing(row, queues), reply(row), List.copyOf(flow));
    }

    private static String headline(TrafficRow row) {
        String what = row.method() != null ? row.method() : row.kind();
        String where = row.exchange() == null || row.exchange().isEmpty()
                ? t().get("defaultExchange") : row.exchange();
        String from = row.from() == null ? "" : t().get("headline.from", row.from());
        return row.kind() + "  " + what + from + "  →  " + where + " / " + row.routingKey();
    }

    static Map<String, String> properties(MessageSnapshot snap) {
        Map<String, String> m = new LinkedHashMap<>();
        if (snap == null) {
            return m;
        }
        MessageProperties p = snap.properties() == null ? MessageProperties.EMPTY : snap.properties();
        put(m, "content_type", p.contentType());
        put(m, "content_encoding", p.contentEncoding());
        m.put("headers", p.headers() == null ? t().get("absent") : p.headers().toString());
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
        m.put(t().get("field.bodySize"), t().get("bytes", snap.size()));
        return m;
    }

    static MessageDetail.Routing routing(TrafficRow row) {
        return routing(row, QueueDescriber.NONE);
    }

    static MessageDetail.Routing routing(TrafficRow row, QueueDescriber describer) {
        MessageRouted r = row.routed();
        List<String> consumers = new ArrayList<>();
        for (MessageDelivered d : row.deliveries()) {
            consumers.add(t().get(d.redelivered() ? "consumer.redelivered" : "consumer", d.queue(),
                    d.connection() == null ? "?" : io.osloscope.app.traffic.TrafficAssembler.shortConnection(d.connection()),
                    d.consumerTag()));
        }
        if (r == null) {
            String note = row.kind().equals("reply") || row.kind().equals("heartbeat")
                    ? t().get("note.reply") : t().get("note.noDecision");
            return new MessageDetail.Routing(row.exchange(), null, row.routingKey(), List.of(),
                    List.of(), consumers, note, queueFacts(row, List.of(), describer));
        }
        List<MessageDetail.BindingLine> lines = new ArrayList<>();
        for (BindingMatch b : r.bindings()) {
            lines.add(new MessageDetail.BindingLine(b.destination(), b.bindingKey(), b.matched(),
                    io.osloscope.app.fx.RoutingReasons.of(r.exchange(), r.exchangeType(), r.routingKey(), b)));
        }
        lines.sort(Comparator.comparing((MessageDetail.BindingLine b) -> !b.matched()));
        String note = r.unroutable() ? t().get(row.status().equals("returned") ? "note.returned" : "note.dropped") : null;
        RoutingChecked check = row.routingCheck();
        if (check != null) {
            note = check.differs()
                    ? t().get("check.differs", check.outcome(), check.difference())
                    : check.reported().isEmpty()
                    ? t().get("check.unroutable")
                    : t().get("check.routed", String.join(", ", check.reported()));
        }
        return new MessageDetail.Routing(r.exchange(), r.exchangeType(), r.routingKey(), lines, r.queues(),
                consumers, note, queueFacts(row, r.queues(), describer));
    }

    /**
     * One line per queue the message reached that is a quorum queue or a stream: what the source says of it, then what
     * the broker's events say happened to this message there (returns counted against the delivery limit,
     * redeliveries, a drop at the limit; the stream offset it was appended at and read from).
     */
    static List<String> queueFacts(TrafficRow row, List<String> routedTo, QueueDescriber describer) {
        java.util.LinkedHashSet<String> queues = new java.util.LinkedHashSet<>(routedTo);
        List<EngineEvent> events = row.related();
        for (EngineEvent e : events) {
            if (e instanceof MessageDelivered d) {
                queues.add(d.queue());
            } else if (e instanceof StreamAppended a) {
                queues.add(a.queue());
            }
        }
        List<String> out = new ArrayList<>();
        for (String q : queues) {
            List<String> parts = new ArrayList<>();
            String known = describer.describe(q);
            if (known != null) {
                parts.add(known);
            }
            MessageRequeued last = null;
            int redelivered = 0;
            List<String> reads = new ArrayList<>();
            for (EngineEvent e : events) {
                if (e instanceof StreamAppended a && a.queue().equals(q)) {
                    parts.add(t().get("fact.appended", a.offset()));
                } else if (e instanceof StreamRead sr && sr.queue().equals(q)) {
                    reads.add(t().get("fact.read", sr.offset(), sr.consumerTag()));
                } else if (e instanceof MessageRequeued rq && rq.queue().equals(q)) {
                    last = rq;
                } else if (e instanceof MessageDelivered d && d.queue().equals(q) && d.redelivered()) {
                    redelivered++;
                } else if (e instanceof MessageDiscarded x && x.queue().equals(q)) {
                    parts.add(t().get("fact.dropped") + x.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
                }
            }
            if (!reads.isEmpty()) {
                parts.add(t().get("fact.readAt", String.join(", ", reads)));
            }
            if (last != null) {
                parts.add(last.deliveryLimit() > 0 ? t().get("fact.countOfLimit", last.deliveryCount(), last.deliveryLimit())
                        : t().get("fact.count", last.deliveryCount()));
            }
            if (redelivered > 0) {
                parts.add(t().get("fact.redeliveries", redelivered));
            }
            if (!parts.isEmpty()) {
                out.add(t().get("fact.queue", q, String.join(" · ", parts)));
            }
        }
        return out;
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
        MessageSnapshot snap = replyRow.message();
        DecodedMessage m = snap == null ? null
                : DECODER.decode(snap.properties(), snap.body(), replyRow.exchange(), replyRow.routingKey());
        if (m == null || !m.kind().isReply()) {
            return new MessageDetail.Reply(row.status(), null, null, null, null, null, latency);
        }
        RemoteFailure failure = m.failure();
        if (failure != null) {
            String tb = failure.tb().isEmpty() ? null : String.join("", failure.tb());
            return new MessageDetail.Reply("failed", null, failure.className(), failure.module(), failure.message(),
                    tb, latency);
        }
        return new MessageDetail.Reply("replied", pretty(m.result()), null, null, null, null, latency);
    }

    /** The body as text for the raw view: verbatim, except that the values of secret keys are masked. */
    static String rawText(byte[] body) {
        if (body == null) {
            return "";
        }
        Matcher m = STRING_PAIR.matcher(new String(body, StandardCharsets.UTF_8));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = Secrets.isSecretKey(m.group(2)) ? Secrets.MASK : m.group(3);
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + value));
        }
        return m.appendTail(out).toString();
    }

    private static String pretty(JsonNode node) {
        try {
            return PRETTY.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            return String.valueOf(node);
        }
    }

    private static void put(Map<String, String> m, String k, Object v) {
        if (v != null) {
            m.put(k, String.valueOf(v));
        }
    }
}
