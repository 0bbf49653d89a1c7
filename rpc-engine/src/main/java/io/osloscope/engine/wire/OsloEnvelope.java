package io.osloscope.engine.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The outer body of every oslo message: {@code {"oslo.version": "2.0", "oslo.message": "<inner JSON text>"}}.
 * The inner message is JSON-encoded twice, as oslo does. {@code version} is null for a
 * "format 1.0" message (a bare object without envelope keys).
 */
public record OsloEnvelope(String version, ObjectNode message) {

    private static final byte[] WRAP_HEAD = ("{\"oslo.version\": \"" + OsloKeys.ENVELOPE_VERSION
            + "\", \"oslo.message\": \"").getBytes(StandardCharsets.US_ASCII);

    /** Wraps an inner message in the 2.0 envelope and returns the UTF-8 body bytes, Python-style. */
    public static byte[] wrap(ObjectNode inner) {
        String innerText = PythonJson.write(inner);
        // NOTE(perf): written as Python's ensure_ascii does, the inner text is printable ASCII, so the second
        // encoding only escapes '"' and '\\' and can work on bytes; anything else takes the general path
        byte[] in = innerText.getBytes(StandardCharsets.ISO_8859_1);
        int escapes = 0;
        for (byte b : in) {
            if (b < 0x20 || b > 0x7e) {
                return wrapSlowly(innerText);
            }
            if (b == '"' || b == '\\') {
                escapes++;
            }
        }
        byte[] out = new byte[WRAP_HEAD.length + in.length + escapes + 2];
        System.arraycopy(WRAP_HEAD, 0, out, 0, WRAP_HEAD.length);
        int o = WRAP_HEAD.length;
        for (byte b : in) {
            if (b == '"' || b == '\\') {
                out[o++] = '\\';
            }
            out[o++] = b;
        }
        out[o++] = '"';
        out[o] = '}';
        return out;
    }

    private static byte[] wrapSlowly(String innerText) {
        StringBuilder sb = new StringBuilder(innerText.length() + innerText.length() / 4 + 64);
        sb.append("{\"oslo.version\": \"").append(OsloKeys.ENVELOPE_VERSION).append("\", \"oslo.message\": ");
        PythonJson.string(innerText, sb);
        sb.append('}');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The bare inner message without envelope ("format 1.0"), as oslo's v1 notification driver sends. */
    public static byte[] bare(ObjectNode inner) {
        return PythonJson.write(inner).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads a body as oslo's {@code deserialize_msg} does. A JSON object lacking either envelope
     * key is taken as-is (format 1.0). Throws {@link WireFormatException} for anything oslo rejects.
     */
    public static OsloEnvelope unwrap(String contentType, byte[] body) {
        if (contentType == null || !OsloKeys.CONTENT_TYPE.equalsIgnoreCase(contentType.trim())) {
            throw new WireFormatException("content type " + (contentType == null ? "(none)" : "'" + contentType + "'")
                    + " is not application/json; oslo rejects such messages");
        }
        OsloEnvelope usual = unwrapUsual(body);
        if (usual != null) {
            return usual;
        }
        JsonNode outer = WireCodec.parse(body);
        if (!outer.isObject()) {
            throw new WireFormatException("message body is JSON " + outer.getNodeType().name().toLowerCase()
                    + ", not an object");
        }
        if (!outer.has(OsloKeys.ENVELOPE_VERSION_KEY) || !outer.has(OsloKeys.ENVELOPE_MESSAGE_KEY)) {
            return new OsloEnvelope(null, (ObjectNode) outer);
        }
        JsonNode v = outer.get(OsloKeys.ENVELOPE_VERSION_KEY);
        String version = v.isTextual() ? v.textValue() : v.toString();
        boolean compatible;
        try {
            compatible = RpcVersions.isCompatible(OsloKeys.ENVELOPE_VERSION, version);
        } catch (RuntimeException e) {
            compatible = false;
        }
        if (!compatible) {
            throw new WireFormatException("envelope version " + version + " is not compatible with "
                    + OsloKeys.ENVELOPE_VERSION + " (oslo's UnsupportedRpcEnvelopeVersion)");
        }
        JsonNode msg = outer.get(OsloKeys.ENVELOPE_MESSAGE_KEY);
        if (!msg.isTextual()) {
            throw new WireFormatException("oslo.message must be a JSON string, got " + msg.getNodeType().name().toLowerCase());
        }
        JsonNode inner = WireCodec.parse(msg.textValue().getBytes(StandardCharsets.UTF_8));
        if (!inner.isObject()) {
            throw new WireFormatException("oslo.message does not hold a JSON object");
        }
        return new OsloEnvelope(version, (ObjectNode) inner);
    }

    /**
     * The envelope every oslo 2.0 sender writes, read in one pass: an object of exactly {@code oslo.version} "2.0"
     * and {@code oslo.message} (both strings), the inner JSON parsed straight from the parser's decoded characters
     * of the outer string (no outer tree, no intermediate String and UTF-8 bytes). Null for anything else, which
     * the general path then reads and judges, so what is accepted or refused and why does not change.
     */
    private static OsloEnvelope unwrapUsual(byte[] body) {
        com.fasterxml.jackson.core.JsonFactory json = WireCodec.mapper().getFactory();
        try (JsonParser p = json.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String version = null;
            ObjectNode inner = null;
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if (p.nextToken() != JsonToken.VALUE_STRING) {
                    return null;
                }
                if (version == null && OsloKeys.ENVELOPE_VERSION_KEY.equals(name)) {
                    version = p.getText();
                } else if (inner == null && OsloKeys.ENVELOPE_MESSAGE_KEY.equals(name)) {
                    try (JsonParser in = json.createParser(p.getTextCharacters(), p.getTextOffset(), p.getTextLength())) {
                        JsonNode n = WireCodec.mapper().readTree(in);
                        if (!(n instanceof ObjectNode o) || in.nextToken() != null) {
                            return null;
                        }
                        inner = o;
                    }
                } else {
                    return null;
                }
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null || inner == null
                    || !OsloKeys.ENVELOPE_VERSION.equals(version)) {
                return null;
            }
            return new OsloEnvelope(version, inner);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
