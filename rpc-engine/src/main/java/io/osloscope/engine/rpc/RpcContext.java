package io.osloscope.engine.rpc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The request context an endpoint method receives first: the caller's context keys restored
 * from {@code _context_*} (unknown keys preserved) plus {@code client_timeout}, as oslo's
 * {@code unpack_context} builds it; and what identifies the request.
 */
public final class RpcContext {
    private final Map<String, Object> values;
    private final String msgId;
    private final String uniqueId;
    private final String method;
    private final String namespace;
    private final String version;

    public RpcContext(Map<String, Object> values, String msgId, String uniqueId, String method, String namespace,
                      String version) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values == null ? Map.of() : values));
        this.msgId = msgId;
        this.uniqueId = uniqueId;
        this.method = method;
        this.namespace = namespace;
        this.version = version;
    }

    /** The restored context dict, including {@code client_timeout} (null when the caller set none). */
    public Map<String, Object> values() {
        return values;
    }

    /** One context value, or null. */
    public Object get(String key) {
        return values.get(key);
    }

    /** The call's {@code _msg_id}, null for a cast. */
    public String msgId() {
        return msgId;
    }

    /** The request's {@code _unique_id}, or null. */
    public String uniqueId() {
        return uniqueId;
    }

    public String method() {
        return method;
    }

    public String namespace() {
        return namespace;
    }

    /** The requested version ({@code 1.0} when the request had none). */
    public String version() {
        return version;
    }

    /** The context's {@code request_id} (e.g. {@code req-...}), or null. */
    public String requestId() {
        Object r = values.get("request_id");
        return r == null ? null : r.toString();
    }

    /** True for a call (a reply will be sent). */
    public boolean isCall() {
        return msgId != null;
    }

    @Override
    public String toString() {
        return "RpcContext[method=" + method + ", msgId=" + msgId + ", requestId=" + requestId() + "]";
    }
}
