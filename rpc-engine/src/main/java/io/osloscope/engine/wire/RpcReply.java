package io.osloscope.engine.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A reply's inner message, keys in oslo's order: {@code result}, {@code failure} (a JSON
 * <em>string</em> holding a {@link RemoteFailure}, or null), {@code ending}, {@code _msg_id},
 * {@code _unique_id}. A call-monitor heartbeat has null result and failure and {@code ending} false.
 */
public record RpcReply(JsonNode result, String failure, boolean ending, String msgId, String uniqueId) {

    public RpcReply {
        result = result == null ? NullNode.instance : result;
    }

    public static RpcReply success(JsonNode result, String msgId, String uniqueId) {
        return new RpcReply(result, null, true, msgId, uniqueId);
    }

    public static RpcReply failure(RemoteFailure failure, String msgId, String uniqueId) {
        return new RpcReply(NullNode.instance, failure.toJson(), true, msgId, uniqueId);
    }

    public static RpcReply heartbeat(String msgId, String uniqueId) {
        return new RpcReply(NullNode.instance, null, false, msgId, uniqueId);
    }

    /** True for a call-monitor heartbeat (nothing but "still working"). */
    public boolean isHeartbeat() {
        return !ending && result.isNull() && failure == null;
    }

    /** The parsed failure, or null when this reply carries none. */
    public RemoteFailure remoteFailure() {
        return failure == null || failure.isEmpty() ? null : RemoteFailure.fromJson(failure);
    }

    public ObjectNode toInner() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.set(OsloKeys.RESULT, result);
        if (failure == null) {
            o.putNull(OsloKeys.FAILURE);
        } else {
            o.put(OsloKeys.FAILURE, failure);
        }
        o.put(OsloKeys.ENDING, ending);
        o.put(OsloKeys.MSG_ID, msgId);
        o.put(OsloKeys.UNIQUE_ID, uniqueId);
        return o;
    }

    /**
     * Reads a reply tolerantly: a missing {@code ending} means false (oslo keeps waiting), a
     * missing {@code failure} is treated as none, a non-string failure object is re-encoded.
     */
    public static RpcReply fromInner(ObjectNode o) {
        JsonNode f = o.get(OsloKeys.FAILURE);
        String failure = null;
        if (f != null && !f.isNull()) {
            failure = f.isTextual() ? f.textValue() : PythonJson.write(f);
        }
        JsonNode e = o.get(OsloKeys.ENDING);
        boolean ending = e != null && e.asBoolean(false);
        JsonNode r = o.get(OsloKeys.RESULT);
        return new RpcReply(r, failure, ending, RpcRequest.text(o, OsloKeys.MSG_ID), RpcRequest.text(o, OsloKeys.UNIQUE_ID));
    }
}
