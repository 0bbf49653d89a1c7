package io.osloscope.engine.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.osloscope.engine.wire.MessageProperties;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Loads the captured oslo 14.0.3 messages from test resources {@code golden/}. */
public final class Golden {
    private final JsonNode file;

    private Golden(JsonNode file) {
        this.file = file;
    }

    public static Golden load(String name) {
        try (InputStream in = Golden.class.getResourceAsStream("/golden/" + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("missing golden file " + name);
            }
            return new Golden(WireCodec.mapper().readTree(in));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public byte[] body() {
        return file.get("body").textValue().getBytes(StandardCharsets.UTF_8);
    }

    public String exchange() {
        return file.at("/amqp/exchange").textValue();
    }

    public String routingKey() {
        return file.at("/amqp/routing_key").textValue();
    }

    /** The traced properties as a plain map (absent ones absent). */
    public Map<String, Object> propertiesMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        file.at("/amqp/properties").fields().forEachRemaining(e -> out.put(e.getKey(), WireCodec.toJava(e.getValue())));
        return out;
    }

    public MessageProperties properties() {
        JsonNode p = file.at("/amqp/properties");
        return new MessageProperties(text(p, "content_type"), text(p, "content_encoding"), Map.of(),
                p.has("delivery_mode") ? p.get("delivery_mode").intValue() : null,
                p.has("priority") ? p.get("priority").intValue() : null, null, null, text(p, "expiration"), null,
                null, null, null, null);
    }

    /** The inner message as captured. */
    public ObjectNode inner() {
        return (ObjectNode) file.at("/decoded/oslo.message_parsed");
    }

    public JsonNode failureParsed() {
        return file.at("/decoded/failure_parsed");
    }

    private static String text(JsonNode p, String k) {
        return p.has(k) ? p.get(k).textValue() : null;
    }

    /** The properties of a message as the same map shape as {@link #propertiesMap()}. */
    public static Map<String, Object> asMap(MessageProperties p) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (p.expiration() != null) {
            out.put("expiration", p.expiration());
        }
        if (p.priority() != null) {
            out.put("priority", p.priority());
        }
        if (p.deliveryMode() != null) {
            out.put("delivery_mode", p.deliveryMode());
        }
        if (p.headers() != null) {
            out.put("headers", p.headers());
        }
        if (p.contentEncoding() != null) {
            out.put("content_encoding", p.contentEncoding());
        }
        if (p.contentType() != null) {
            out.put("content_type", p.contentType());
        }
        for (String unexpected : new String[]{p.correlationId(), p.replyTo(), p.messageId(), p.type(), p.userId(), p.appId()}) {
            if (unexpected != null) {
                out.put("unexpected", unexpected);
            }
        }
        if (p.timestamp() != null) {
            out.put("timestamp", p.timestamp().toString());
        }
        return out;
    }
}
