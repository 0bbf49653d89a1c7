package io.osloscope.engine.sniff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.osloscope.engine.wire.MessageProperties;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AMQP basic properties to and from JSON with the firehose's snake_case names ({@code content_type},
 * {@code delivery_mode}, {@code expiration}, ...). Absent properties stay absent. Header values become
 * JSON strings, numbers, booleans, lists and objects; anything else its string form.
 */
public final class PropertiesJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private PropertiesJson() {
    }

    public static ObjectNode toJson(MessageProperties p) {
        ObjectNode o = F.objectNode();
        if (p == null) {
            return o;
        }
        putText(o, "content_type", p.contentType());
        putText(o, "content_encoding", p.contentEncoding());
        if (p.headers() != null) {
            o.set("headers", valueToJson(p.headers()));
        }
        if (p.deliveryMode() != null) {
            o.put("delivery_mode", p.deliveryMode());
        }
        if (p.priority() != null) {
            o.put("priority", p.priority());
        }
        putText(o, "correlation_id", p.correlationId());
        putText(o, "reply_to", p.replyTo());
        putText(o, "expiration", p.expiration());
        putText(o, "message_id", p.messageId());
        if (p.timestamp() != null) {
            o.put("timestamp", p.timestamp().getEpochSecond());
        }
        putText(o, "type", p.type());
        putText(o, "user_id", p.userId());
        putText(o, "app_id", p.appId());
        return o;
    }

    /** Reads properties written by {@link #toJson} (or by the golden captures); tolerant of odd types. */
    public static MessageProperties fromJson(JsonNode o) {
        if (o == null || !o.isObject()) {
            return MessageProperties.EMPTY;
        }
        Map<String, Object> headers = null;
        JsonNode h = o.get("headers");
        if (h != null && h.isObject()) {
            headers = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = h.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                headers.put(e.getKey(), jsonToValue(e.getValue()));
            }
        }
        JsonNode ts = o.get("timestamp");
        return new MessageProperties(text(o, "content_type"), text(o, "content_encoding"), headers,
                integer(o, "delivery_mode"), integer(o, "priority"), text(o, "correlation_id"), text(o, "reply_to"),
                text(o, "expiration"), text(o, "message_id"),
                ts != null && ts.canConvertToLong() ? Instant.ofEpochSecond(ts.asLong()) : null,
                text(o, "type"), text(o, "user_id"), text(o, "app_id"));
    }

    /** Converts header values (Java maps, lists, numbers, strings, amqp-client LongStrings, byte arrays) to JSON. */
    public static JsonNode valueToJson(Object v) {
        if (v == null) {
            return F.nullNode();
        }
        if (v instanceof Map<?, ?> m) {
            ObjectNode o = F.objectNode();
            m.forEach((k, val) -> o.set(String.valueOf(k), valueToJson(val)));
            return o;
        }
        if (v instanceof List<?> l) {
            var a = F.arrayNode();
            l.forEach(x -> a.add(valueToJson(x)));
            return a;
        }
        if (v instanceof Boolean b) {
            return F.booleanNode(b);
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return F.numberNode(((Number) v).longValue());
        }
        if (v instanceof Number n) {
            return F.numberNode(n.doubleValue());
        }
        if (v instanceof byte[] b) {
            return F.textNode(new String(b, java.nio.charset.StandardCharsets.UTF_8));
        }
        return F.textNode(v.toString());
    }

    static Object jsonToValue(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            n.fields().forEachRemaining(e -> m.put(e.getKey(), jsonToValue(e.getValue())));
            return m;
        }
        if (n.isArray()) {
            List<Object> l = new ArrayList<>();
            n.forEach(x -> l.add(jsonToValue(x)));
            return l;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isIntegralNumber()) {
            return n.longValue();
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        return n.asText();
    }

    private static void putText(ObjectNode o, String k, String v) {
        if (v != null) {
            o.put(k, v);
        }
    }

    private static String text(JsonNode o, String k) {
        JsonNode n = o.get(k);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static Integer integer(JsonNode o, String k) {
        JsonNode n = o.get(k);
        return n != null && n.canConvertToInt() ? n.asInt() : null;
    }
}
