package io.osloscope.engine.wire;

/**
 * The fields of a decoded message that listing, filtering and pairing need, without JSON trees: what
 * {@link OsloDecoder#summarize} returns at ingest speed. Equal to {@link DecodedMessage#summary()} of the
 * full decode of the same message. Every message event carries one (see
 * {@link io.osloscope.engine.observe.MessageSnapshot#summary()}), so nothing downstream reads message bytes
 * to list, colour or pair a message.
 *
 * @param sender who published it when the observer knows (the publishing connection's name); null from the
 *               decoder, which sees only properties and body
 * @param objectCall the versioned-object call a conductor {@code object_*} RPC carries ({@code Instance.save}),
 *               null for any other message
 * @param from   the publisher as service, host and pid when the observer knows (see {@link Sender}); null from
 *               the decoder
 * @param notification event type, publisher, priority and payload line of a notification, null for anything else
 * @param globalRequestId the context's {@code global_request_id} (the request id of the service the request
 *               entered first), null when the message has none
 */
public record MessageSummary(MessageKind kind, String problem, String method, String msgId, String replyQ,
                             String version, String namespace, String uniqueId, Long timeoutMillis, String requestId,
                             String failureClass, String failureModule, String failureMessage, boolean truncated,
                             int size, String sender, ObjectCall objectCall, Sender from,
                             NotificationInfo notification, String globalRequestId) {

    /** A summary without a global request id. */
    public MessageSummary(MessageKind kind, String problem, String method, String msgId, String replyQ,
                          String version, String namespace, String uniqueId, Long timeoutMillis, String requestId,
                          String failureClass, String failureModule, String failureMessage, boolean truncated,
                          int size, String sender, ObjectCall objectCall, Sender from, NotificationInfo notification) {
        this(kind, problem, method, msgId, replyQ, version, namespace, uniqueId, timeoutMillis, requestId,
                failureClass, failureModule, failureMessage, truncated, size, sender, objectCall, from, notification,
                null);
    }

    /** A summary of a plain RPC message: no object call, sender identity, notification or global request id. */
    public MessageSummary(MessageKind kind, String problem, String method, String msgId, String replyQ,
                          String version, String namespace, String uniqueId, Long timeoutMillis, String requestId,
                          String failureClass, String failureModule, String failureMessage, boolean truncated,
                          int size, String sender) {
        this(kind, problem, method, msgId, replyQ, version, namespace, uniqueId, timeoutMillis, requestId,
                failureClass, failureModule, failureMessage, truncated, size, sender, null, null, null, null);
    }

    /** This summary with the publisher named; the same instance when it already says so. */
    public MessageSummary withSender(String who) {
        if (java.util.Objects.equals(who, sender)) {
            return this;
        }
        return new MessageSummary(kind, problem, method, msgId, replyQ, version, namespace, uniqueId, timeoutMillis,
                requestId, failureClass, failureModule, failureMessage, truncated, size, who, objectCall, from,
                notification, globalRequestId);
    }

    /** This summary with the publisher's identity; the same instance when it already says so. */
    public MessageSummary withFrom(Sender who) {
        if (java.util.Objects.equals(who, from)) {
            return this;
        }
        return new MessageSummary(kind, problem, method, msgId, replyQ, version, namespace, uniqueId, timeoutMillis,
                requestId, failureClass, failureModule, failureMessage, truncated, size, sender, objectCall, who,
                notification, globalRequestId);
    }

    /** This summary with the publisher named and identified, in one step; the same instance when it already says so. */
    public MessageSummary withPublisher(String who, Sender identity) {
        if (java.util.Objects.equals(who, sender) && java.util.Objects.equals(identity, from)) {
            return this;
        }
        return new MessageSummary(kind, problem, method, msgId, replyQ, version, namespace, uniqueId, timeoutMillis,
                requestId, failureClass, failureModule, failureMessage, truncated, size, who, objectCall, identity,
                notification, globalRequestId);
    }

    /** {@code Instance}, for an object call; else null. */
    public String objectClass() {
        return objectCall == null ? null : objectCall.objectClass();
    }

    /** {@code save}, for an object call; else null. */
    public String objectMethod() {
        return objectCall == null ? null : objectCall.objectMethod();
    }

    /** The object's uuid, for an object call that names one; else null. */
    public String objectUuid() {
        return objectCall == null ? null : objectCall.objectUuid();
    }

    /** The object's changed fields, for an object action; else empty. */
    public java.util.List<String> changedFields() {
        return objectCall == null ? java.util.List.of() : objectCall.changedFields();
    }

    /**
     * What a listing shows as the method: {@code Instance.save} for an object call, a notification's event type
     * ({@code instance.create.end}), else the RPC method.
     */
    public String displayMethod() {
        return objectCall != null ? objectCall.label() : notification != null && method == null
                ? notification.eventType() : method;
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
