package io.osloscope.engine.sniff.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.osloscope.engine.wire.MessageProperties;
import io.osloscope.engine.wire.OsloKeys;
import io.osloscope.engine.wire.Secrets;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Masks secrets in raw message bodies for recordings: {@code _context_auth_token} and every other key
 * {@link Secrets#isSecretKey} recognises, inside the envelope's {@code oslo.message} string as well as in
 * bare dicts. A body that cannot be parsed (not JSON, compressed, binary) cannot be checked, so it is
 * withheld entirely: {@link #redactBody} returns null.
 */
public final class Redactor {
    private final ObjectMapper mapper;

    public Redactor(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The body with secrets masked, or null when it cannot be parsed and must be withheld. */
    public byte[] redactBody(byte[] body) {
        if (body == null || body.length == 0) {
            return body;
        }
        try {
            JsonNode root = mapper.readTree(body);
            if (root == null || !root.isContainerNode()) {
                return root != null && root.isValueNode() && !root.isTextual() ? body : null;
            }
            if (root instanceof ObjectNode obj && obj.get(OsloKeys.ENVELOPE_MESSAGE_KEY) instanceof TextNode inner) {
                JsonNode innerNode = mapper.readTree(inner.textValue());
                if (innerNode == null || !innerNode.isContainerNode()) {
                    return null;
                }
                Secrets.maskInPlace(innerNode);
                obj.put(OsloKeys.ENVELOPE_MESSAGE_KEY, mapper.writeValueAsString(innerNode));
                Secrets.maskInPlace(obj);
                return mapper.writeValueAsBytes(obj);
            }
            Secrets.maskInPlace(root);
            return mapper.writeValueAsBytes(root);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Properties with secret-looking header values masked. */
    public MessageProperties redactProperties(MessageProperties p) {
        if (p == null || p.headers() == null || p.headers().isEmpty()) {
            return p;
        }
        Map<String, Object> h = new LinkedHashMap<>(p.headers());
        h.replaceAll((k, v) -> Secrets.isSecretKey(k) && v != null ? Secrets.MASK : v);
        return p.withHeaders(h);
    }
}
