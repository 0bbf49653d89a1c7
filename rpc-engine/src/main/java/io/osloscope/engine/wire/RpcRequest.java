package io.osloscope.engine.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An RPC request's inner message (oslo {@code _make_message} plus the driver's keys). For a cast
 * {@code msgId} and {@code replyQ} are null and {@code timeoutPresent} is false; for a call
 * {@code _timeout} is always written (the call-monitor timeout in seconds, or null).
 * {@code context} holds the un-prefixed context keys in order.
 *
 * @param timeoutPresent whether {@code _timeout} is on the wire (always for calls)
 * @param callMonitorTimeout the {@code _timeout} value when it was an integer, else null
 */
public record RpcRequest(String method, ObjectNode args, String namespace, String version, String msgId,
                         String replyQ, boolean timeoutPresent, Integer callMonitorTimeout, String uniqueId,
                         Map<String, JsonNode> context) {

    public RpcRequest {
        Objects.requireNonNull(method, "method");
        args = args == null ? JsonNodeFactory.instance.objectNode() : args;
        context = context == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(context));
    }

    /** True for a call (a reply is wanted). */
    public boolean isCall() {
        return msgId != null && replyQ != null;
    }

    /** The inner dict with oslo's key order: method, args, [namespace], [version], [call keys], _unique_id, _context_*. */
    public ObjectNode toInner() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put(OsloKeys.METHOD, method);
        o.set(OsloKeys.ARGS, args);
        if (namespace != null) {
            o.put(OsloKeys.NAMESPACE, namespace);
        }
        if (version != null) {
            o.put(OsloKeys.VERSION, version);
        }
        if (msgId != null) {
            o.put(OsloKeys.MSG_ID, msgId);
            o.put(OsloKeys.REPLY_Q, replyQ);
            if (callMonitorTimeout == null) {
                o.putNull(OsloKeys.TIMEOUT);
            } else {
                o.put(OsloKeys.TIMEOUT, callMonitorTimeout);
            }
        } else if (timeoutPresent) {
            if (callMonitorTimeout == null) {
                o.putNull(OsloKeys.TIMEOUT);
            } else {
                o.put(OsloKeys.TIMEOUT, callMonitorTimeout);
            }
        }
        if (uniqueId != null) {
            o.put(OsloKeys.UNIQUE_ID, uniqueId);
        }
        for (Map.Entry<String, JsonNode> e : context.entrySet()) {
            o.set(OsloKeys.CONTEXT_PREFIX + e.getKey(), e.getValue());
        }
        return o;
    }

    /**
     * Reads an inner dict with oslo's server-side tolerance: only {@code method} is required;
     * {@code args} defaults to {}, a non-integer {@code _timeout} disables heartbeats; unknown keys
     * other than {@code _context_*} are ignored.
     */
    public static RpcRequest fromInner(ObjectNode o) {
        JsonNode m = o.get(OsloKeys.METHOD);
        if (m == null || !m.isTextual()) {
            throw new WireFormatException("request has no string 'method' key");
        }
        JsonNode a = o.get(OsloKeys.ARGS);
        ObjectNode args;
        if (a == null || a.isNull()) {
            args = JsonNodeFactory.instance.objectNode();
        } else if (a.isObject()) {
            args = (ObjectNode) a;
        } else {
            throw new WireFormatException("request 'args' must be an object, got " + a.getNodeType().name().toLowerCase());
        }
        JsonNode t = o.get(OsloKeys.TIMEOUT);
        Integer timeout = t != null && t.isNumber() && !t.isNull() ? t.intValue() : null;
        Map<String, JsonNode> ctx = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().startsWith(OsloKeys.CONTEXT_PREFIX)) {
                ctx.put(e.getKey().substring(OsloKeys.CONTEXT_PREFIX.length()), e.getValue());
            }
        }
        return new RpcRequest(m.textValue(), args, text(o, OsloKeys.NAMESPACE), text(o, OsloKeys.VERSION),
                text(o, OsloKeys.MSG_ID), text(o, OsloKeys.REPLY_Q), t != null, timeout,
                text(o, OsloKeys.UNIQUE_ID), ctx);
    }

    static String text(ObjectNode o, String key) {
        JsonNode n = o.get(key);
        if (n == null || n.isNull()) {
            return null;
        }
        return n.isTextual() ? n.textValue() : n.toString();
    }
}
