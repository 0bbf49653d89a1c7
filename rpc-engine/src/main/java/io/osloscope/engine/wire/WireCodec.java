package io.osloscope.engine.wire;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.Map;

/**
 * Encodes and decodes oslo RPC messages: requests and replies in the 2.0 envelope, with the
 * exact basic properties oslo sends. Thread-safe; used by both brokers, so the in-memory broker
 * always carries real wire bytes (as oslo's fake driver serializes every message).
 */
public final class WireCodec {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private WireCodec() {
    }

    /** The shared mapper (Python-tolerant reading: NaN/Infinity accepted). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Properties of every oslo RPC message; {@code expirationMs} only for call requests. */
    public static MessageProperties properties(Long expirationMs) {
        return new MessageProperties(OsloKeys.CONTENT_TYPE, OsloKeys.CONTENT_ENCODING, Map.of(), 2, 0, null, null,
                expirationMs == null ? null : Long.toString(expirationMs), null, null, null, null, null);
    }

    public static byte[] encodeRequest(RpcRequest request) {
        return OsloEnvelope.wrap(request.toInner());
    }

    public static byte[] encodeReply(RpcReply reply) {
        return OsloEnvelope.wrap(reply.toInner());
    }

    /** Decodes a delivered request; {@link WireFormatException} for what oslo rejects. */
    public static RpcRequest decodeRequest(MessageProperties props, byte[] body) {
        return RpcRequest.fromInner(OsloEnvelope.unwrap(props == null ? null : props.contentType(), body).message());
    }

    /** Decodes a delivered reply; {@link WireFormatException} for what oslo rejects. */
    public static RpcReply decodeReply(MessageProperties props, byte[] body) {
        return RpcReply.fromInner(OsloEnvelope.unwrap(props == null ? null : props.contentType(), body).message());
    }

    /** Parses JSON text (UTF-8), Python-tolerant. */
    public static JsonNode parse(byte[] json) {
        try {
            JsonNode n = MAPPER.readTree(json);
            if (n == null || n.isMissingNode()) {
                throw new WireFormatException("empty message body");
            }
            return n;
        } catch (IOException e) {
            throw new WireFormatException("message body is not valid JSON: " + firstLine(e.getMessage()), e);
        }
    }

    /** Any Jackson-serializable value as a tree (Map, List, record, JsonNode...). */
    public static JsonNode toTree(Object value) {
        // NOTE(perf): Jackson's valueToTree writes every value into a token buffer and reads it back (for a 1 KiB
        // argument a copy each way); the values an RPC carries most (strings, ints, longs, booleans, maps of them
        // with string keys) become the very nodes it would build, directly
        JsonNode scalar = scalarTree(value);
        if (scalar != null) {
            return scalar;
        }
        if (value instanceof Map<?, ?> map && stringKeys(map)) {
            com.fasterxml.jackson.databind.node.ObjectNode o = MAPPER.createObjectNode();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                o.set((String) e.getKey(), toTree(e.getValue()));
            }
            return o;
        }
        return MAPPER.valueToTree(value);
    }

    private static JsonNode scalarTree(Object value) {
        if (value instanceof String s) {
            return com.fasterxml.jackson.databind.node.TextNode.valueOf(s);
        }
        if (value instanceof Integer i) {
            return com.fasterxml.jackson.databind.node.IntNode.valueOf(i);
        }
        if (value instanceof Long l) {
            return com.fasterxml.jackson.databind.node.LongNode.valueOf(l);
        }
        if (value instanceof Boolean b) {
            return com.fasterxml.jackson.databind.node.BooleanNode.valueOf(b);
        }
        return null;
    }

    private static boolean stringKeys(Map<?, ?> map) {
        for (Object k : map.keySet()) {
            if (!(k instanceof String)) {
                return false;
            }
        }
        return true;
    }

    /** A tree as plain Java (Map, List, String, Number, Boolean, null). */
    public static Object toJava(JsonNode node) {
        try {
            return MAPPER.treeToValue(node, Object.class);
        } catch (IOException e) {
            throw new WireFormatException("cannot convert JSON: " + firstLine(e.getMessage()), e);
        }
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
