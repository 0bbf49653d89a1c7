package io.osloscope.engine.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The decoded view of one captured message. Every field except {@link #kind()} and {@link #size()}
 * may be null: only what the message carried is set. {@link #problem()} says in one line why a message
 * is not (fully) oslo, e.g. "not JSON: unexpected character '<'" or "envelope version 3.0: oslo peers
 * drop it"; null for a clean oslo message. {@link #rawText()} holds the body for display when it could
 * not be decoded (text, or a hex dump for binary), cut at the decoder's preview limit.
 *
 * <p>JSON nodes are owned by this record and must not be modified.
 *
 * @param envelopeVersion "2.0" (or whatever {@code oslo.version} said) for enveloped messages, "1.0" for bare dicts
 * @param callMonitorTimeout the request's {@code _timeout} as text (null when absent or JSON null)
 * @param timeoutMillis the call's AMQP {@code expiration} (the caller's RPC timeout), null when absent
 * @param context the {@code _context_*} entries without the prefix; secrets masked unless the decoder reveals them
 * @param truncated true when the body was larger than the decode limit and was not parsed
 * @param objectCall the versioned-object call of a conductor {@code object_*} RPC, else null
 */
public record DecodedMessage(MessageKind kind, String problem, String envelopeVersion,
                             String method, String msgId, String replyQ, String version, String namespace,
                             String uniqueId, String callMonitorTimeout, Long timeoutMillis,
                             ObjectNode context, JsonNode args, JsonNode result, Boolean ending,
                             RemoteFailure failure, String eventType, String publisherId, String priority,
                             JsonNode payload, int size, boolean truncated, String rawText, ObjectCall objectCall) {

    /** The {@code request_id} of the context, the id operators grep logs for. */
    public String requestId() {
        JsonNode n = context == null ? null : context.get(OsloKeys.REQUEST_ID);
        return n == null || n.isNull() ? null : n.asText();
    }

    /** The context's {@code global_request_id}, null when absent. */
    public String globalRequestId() {
        JsonNode n = context == null ? null : context.get(OsloKeys.GLOBAL_REQUEST_ID);
        return n == null || n.isNull() ? null : n.asText();
    }

    /** The listing fields of this message. */
    public MessageSummary summary() {
        return new MessageSummary(kind, problem, method, msgId, replyQ, version, namespace, uniqueId, timeoutMillis,
                requestId(), failure == null ? null : failure.className(), failure == null ? null : failure.module(),
                failure == null ? null : failure.message(), truncated, size, null, objectCall, null,
                kind == MessageKind.NOTIFICATION ? new NotificationInfo(eventType, publisherId, priority,
                        NotificationInfo.summarize(payload)) : null, globalRequestId());
    }

    /** The kind name used in recordings and by the command line (call, cast, fanout, reply, heartbeat, notification, other). */
    public String wireKind() {
        return kind.wireName();
    }
}
