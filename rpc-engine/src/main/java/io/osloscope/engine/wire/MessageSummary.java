package io.osloscope.engine.wire;

/**
 * The fields of a decoded message that listing, filtering and pairing need, without JSON trees: what
 * {@link OsloDecoder#summarize} returns at ingest speed. Equal to {@link DecodedMessage#summary()} of the
 * full decode of the same message.
 */
public record MessageSummary(MessageKind kind, String problem, String method, String msgId, String replyQ,
                             String version, String namespace, String uniqueId, Long timeoutMillis, String requestId,
                             String failureClass, String failureModule, String failureMessage, boolean truncated,
                             int size) {

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
