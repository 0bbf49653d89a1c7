package io.osloscope.app.message;

import io.osloscope.engine.broker.MessageProperties;
import io.osloscope.engine.wire.MessageKind;
import io.osloscope.engine.wire.MessageSummary;
import io.osloscope.engine.wire.OsloDecoder;

/**
 * The few fields of an oslo message the stream shows, read once per message off the FX thread by the engine's
 * {@link OsloDecoder#summarize} (no JSON trees for clean oslo messages). {@code kind} is call, cast, reply,
 * heartbeat, or "other" for a body that is not an oslo RPC (notifications included).
 */
public record OsloPeek(String kind, String method, String version, String namespace, String msgId,
                       String requestId, String failureClass) {
    public static final OsloPeek OTHER = new OsloPeek("other", null, null, null, null, null, null);

    private static final OsloDecoder DECODER = new OsloDecoder();
    // NOTE(fast-path): the peek classifies, it does not judge content types; saying JSON keeps clean oslo
    // bodies on the decoder's tree-free scan (without properties it would build and mask whole trees).
    private static final MessageProperties JSON = MessageProperties.EMPTY.withContentType("application/json");

    /** Reads a message body; the stream tells fanouts apart by their exchange, so this never says "fanout". */
    public static OsloPeek of(byte[] body) {
        if (body == null || body.length == 0) {
            return OTHER;
        }
        MessageSummary s = DECODER.summarize(JSON, body, null, null);
        String kind = switch (s.kind()) {
            case CALL -> "call";
            case CAST, FANOUT -> "cast";
            case REPLY, FAILURE_REPLY -> "reply";
            case HEARTBEAT -> "heartbeat";
            case NOTIFICATION, OTHER -> null;
        };
        if (kind == null) {
            return OTHER;
        }
        boolean request = s.kind().isRequest();
        return new OsloPeek(kind, s.method(), s.version(), s.namespace(), s.msgId(),
                request ? s.requestId() : null, s.kind() == MessageKind.FAILURE_REPLY ? s.failureClass() : null);
    }
}
