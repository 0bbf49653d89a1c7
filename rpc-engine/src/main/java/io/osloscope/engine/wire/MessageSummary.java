package io.osloscope.engine.wire;

/**
 * The fields of a decoded message that listing, filtering and pairing need, without JSON trees: what
 * {@link OsloDecoder#summarize} returns at ingest speed. Equal to {@link DecodedMessage#summary()} of the
 * full decode of the same message. Every message event carries one (see
 * {@link io.osloscope.engine.observe.MessageSnapshot#summary()}), so nothing downstream reads message bytes
 * to list, colour or pair a message.
 *
 * @param sender          who published it when the observer knows (the publishing connection's name); null from
 *                        the decoder, which sees only properties and body
 * @param globalRequestId the context's {@code global_request_id} (the request id of the service the request
 *                        entered first), null when the message has none
 */
public record MessageSummary(MessageKind kind, String problem, String method, String msgId, String replyQ,
                             String version, String namespace, String uniqueId, Long timeoutMillis, String requestId,
                             String failureClass, String failureModule, String failureMessage, boolean truncated,
                             int size, String sender, String globalRequestId) {

    /** A summary without a global request id. */
    public MessageSummary(MessageKind kind, String problem, String method, String msgId, String replyQ,
                          String version, String namespace, String uniqueId, Long timeoutMillis, String requestId,
                          String failureClass, String failureModule, String failureMessage, boolean truncated,
                          int size, String sender) {
        this(kind, problem, method, msgId, replyQ, version, namespace, uniqueId, timeoutMillis, requestId,
                failureClass, failureModule, failureMessage, truncated, size, sender, null);
    }

    /** This summary with the publisher named; the same instance when it already says so. */
    public MessageSummary withSender(String who) {
        if (java.util.Objects.equals(who, sender)) {
            return this;
        }
        return new MessageSummary(kind, problem, method, msgId, replyQ, version, namespace, uniqueId, timeoutMillis,
                requestId, failureClass, failureModule, failureMessage, truncated, size, who, globalRequestId);
    }

    /** {@code module.Class} of a failure reply, null otherwise. */
    public String failureName() {
        if (failureClass == null && failureModule == null) {
            return kind == MessageKind.FAILURE_REPLY ? "unknown" : null;
        }
        if (failureModule == null || failureModule.isEmpty()) {
            return failureClass;
        }
        return failureClass == null ? failureModule : failureModule + "." + failureClass;
    }
}
