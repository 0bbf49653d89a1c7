package io.osloscope.app.message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * Unwraps the oslo 2.0 envelope ({@code {"oslo.version": "2.0", "oslo.message": "<json>"}}) for display.
 * Tolerant: a body without the envelope is taken as format 1.0, a body that is not JSON is reported as such.
 * Thread-safe; never called on the FX thread for whole messages.
 */
public final class OsloDecoder {
    /** Shown instead of a secret (the Keystone token in {@code _context_auth_token}). */
    public static final String MASK = "***";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private OsloDecoder() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The inner oslo message of a body, or null when the body is not a JSON object. */
    public static ObjectNode inner(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            JsonNode outer = MAPPER.readTree(body);
            if (outer == null || !outer.isObject()) {
                return null;
            }
            JsonNode wrapped = outer.get("oslo.message");
            if (wrapped != null && wrapped.isTextual()) {
                JsonNode in = MAPPER.readTree(wrapped.asText());
                return in != null && in.isObject() ? (ObjectNode) in : null;
            }
            return (ObjectNode) outer;
        } catch (IOException e) {
            return null;
        }
    }

    /** Reads the fields the message stream needs. */
    public static OsloPeek peek(byte[] body) {
        ObjectNode m = inner(body);
        if (m == null) {
            return OsloPeek.OTHER;
        }
        String msgId = text(m, "_msg_id");
        if (m.has("method")) {
            String kind = msgId != null ? "call" : "cast";
            return new OsloPeek(kind, text(m, "method"), text(m, "version"), text(m, "namespace"), msgId,
                    text(m, "_context_request_id"), null);
        }
        if (m.has("ending") || m.has("failure") || m.has("result")) {
            boolean ending = m.path("ending").asBoolean(false);
            String failureClass = failureClass(m.get("failure"));
            boolean heartbeat = !ending && failureClass == null && m.path("result").isNull();
            return new OsloPeek(heartbeat ? "heartbeat" : "reply", null, null, null, msgId, null, failureClass);
        }
        return OsloPeek.OTHER;
    }

    /** The {@code class} of an oslo failure payload (a JSON string), or null. */
    public static String failureClass(JsonNode failure) {
        JsonNode f = parseFailure(failure);
        return f == null ? null : f.path("class").asText(null);
    }

    /** The failure payload as a tree: oslo sends it as a JSON string inside the reply. */
    public static JsonNode parseFailure(JsonNode failure) {
        if (failure == null || failure.isNull() || (failure.isTextual() && failure.asText().isEmpty())) {
            return null;
        }
        if (failure.isTextual()) {
            try {
                return MAPPER.readTree(failure.asText());
            } catch (JsonProcessingException e) {
                return new TextNode(failure.asText());
            }
        }
        return failure;
    }

    /** A copy of the inner message with {@code _context_auth_token} (and any other token) masked. */
    public static ObjectNode masked(ObjectNode inner) {
        ObjectNode copy = inner.deepCopy();
        Iterator<Map.Entry<String, JsonNode>> it = copy.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (isSecret(e.getKey()) && !e.getValue().isNull()) {
                e.setValue(new TextNode(MASK));
            }
        }
        return copy;
    }

    public static boolean isSecret(String key) {
        String k = key.toLowerCase(java.util.Locale.ROOT);
        return k.endsWith("auth_token") || k.endsWith("password") || k.endsWith("secret");
    }

    /** The body as text for the raw view, with secrets masked when it is an oslo message. */
    public static String rawText(byte[] body) {
        if (body == null) {
            return "";
        }
        String s = new String(body, StandardCharsets.UTF_8);
        // NOTE(secrets): the token appears escaped inside oslo.message; mask its value in the raw text too
        return s.replaceAll("(_context_auth_token\\\\?\"\\s*:\\s*\\\\?\")[^\"\\\\]+", "$1" + MASK);
    }

    public static String pretty(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            return String.valueOf(node);
        }
    }

    private static String text(JsonNode m, String key) {
        JsonNode v = m.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }
}
