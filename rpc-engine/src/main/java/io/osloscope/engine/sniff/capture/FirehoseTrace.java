package io.osloscope.engine.sniff.capture;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Envelope;
import io.osloscope.engine.wire.MessageProperties;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a message from {@code amq.rabbitmq.trace} into a {@link RawCapture}. The trace's routing key is
 * {@code publish.<exchange>} or {@code deliver.<queue>}; its headers carry {@code exchange_name},
 * {@code routing_keys}, the original {@code properties} table, {@code routed_queues} (publish only),
 * {@code node}, {@code connection}, {@code channel}, {@code user} and {@code redelivered} (deliver only).
 * The body is the original body.
 */
public final class FirehoseTrace {
    private FirehoseTrace() {
    }

    /** Null when the message is not a trace message (unexpected routing key). */
    public static RawCapture parse(Instant at, Envelope envelope, AMQP.BasicProperties traceProps, byte[] body) {
        String rk = envelope.getRoutingKey();
        Map<String, Object> h = traceProps.getHeaders() == null ? Map.of() : traceProps.getHeaders();
        String direction;
        List<String> routed;
        if (rk.startsWith("publish.")) {
            direction = RawCapture.PUBLISH;
            routed = strings(h.get("routed_queues"));
        } else if (rk.startsWith("deliver.")) {
            direction = RawCapture.DELIVER;
            routed = List.of(rk.substring("deliver.".length()));
        } else {
            return null;
        }
        String exchange = str(h.get("exchange_name"));
        if (exchange == null) {
            exchange = direction.equals(RawCapture.PUBLISH) ? rk.substring("publish.".length()) : "";
        }
        List<String> keys = strings(h.get("routing_keys"));
        String routingKey = keys == null || keys.isEmpty() ? "" : keys.get(0);
        return new RawCapture(at, direction, exchange, routingKey, routed, str(h.get("connection")),
                str(h.get("node")), str(h.get("user")), properties(h.get("properties")), body);
    }

    /** The original message's properties from the trace's {@code properties} table. */
    @SuppressWarnings("unchecked")
    static MessageProperties properties(Object table) {
        if (!(table instanceof Map<?, ?> raw)) {
            return MessageProperties.EMPTY;
        }
        Map<String, Object> p = (Map<String, Object>) raw;
        Object headers = p.get("headers");
        Object ts = p.get("timestamp");
        Instant timestamp = ts instanceof Date d ? d.toInstant()
                : ts instanceof Number n ? Instant.ofEpochSecond(n.longValue()) : null;
        return new MessageProperties(str(p.get("content_type")), str(p.get("content_encoding")),
                headers instanceof Map<?, ?> m ? plain((Map<String, Object>) m) : null, integer(p.get("delivery_mode")),
                integer(p.get("priority")), str(p.get("correlation_id")), str(p.get("reply_to")),
                str(p.get("expiration")), str(p.get("message_id")), timestamp, str(p.get("type")),
                str(p.get("user_id")), str(p.get("app_id")));
    }

    /** A tapped delivery's own properties as {@link MessageProperties}. */
    public static MessageProperties fromBasic(AMQP.BasicProperties p) {
        if (p == null) {
            return MessageProperties.EMPTY;
        }
        return new MessageProperties(p.getContentType(), p.getContentEncoding(),
                p.getHeaders() == null ? null : plain(p.getHeaders()), p.getDeliveryMode(), p.getPriority(),
                p.getCorrelationId(), p.getReplyTo(), p.getExpiration(), p.getMessageId(),
                p.getTimestamp() == null ? null : p.getTimestamp().toInstant(), p.getType(), p.getUserId(),
                p.getAppId());
    }

    /** Converts amqp-client header values (LongString, nested tables) into plain Java values. */
    public static Map<String, Object> plain(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, plainValue(v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    static Object plainValue(Object v) {
        if (v instanceof Map<?, ?> m) {
            return plain((Map<String, Object>) m);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(x -> out.add(plainValue(x)));
            return out;
        }
        if (v instanceof com.rabbitmq.client.LongString ls) {
            return ls.toString();
        }
        return v;
    }

    static String str(Object v) {
        return v == null ? null : v.toString();
    }

    static Integer integer(Object v) {
        return v instanceof Number n ? n.intValue() : null;
    }

    static List<String> strings(Object v) {
        if (!(v instanceof List<?> l)) {
            return null;
        }
        List<String> out = new ArrayList<>(l.size());
        l.forEach(x -> out.add(String.valueOf(x)));
        return out;
    }
}
