package io.osloscope.engine.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.Locale;

/**
 * The ingest fast path: a streaming scan of clean oslo messages that reads only top-level keys and skips
 * args, results and payloads without building trees. It handles exactly the messages the full decoder
 * would report without a problem; for anything else it returns null and the caller falls back to
 * {@link OsloDecoder#decode}, so both paths always agree.
 */
final class FastSummary {
    private final ObjectMapper mapper;
    private final JsonFactory factory;

    FastSummary(ObjectMapper mapper) {
        this.mapper = mapper;
        this.factory = mapper.getFactory();
    }

    /** Fields of one message object; null strings mean absent or JSON null. */
    private static final class Fields {
        String osloVersion;
        /** An envelope's oslo.message was a string; {@link #inner} is what scanning it gave. */
        boolean hasOsloMessage;
        Fields inner;
        boolean hasEnvelopeKeys;
        boolean hasMethod;
        String method;
        String msgId;
        String replyQ;
        String version;
        String namespace;
        String uniqueId;
        String requestId;
        String globalRequestId;
        String messageId;
        boolean hasEventType;
        boolean hasPublisherOrPriorityOrPayload;
        boolean hasResult;
        boolean resultNull = true;
        boolean hasFailure;
        String failureText;
        boolean hasEnding;
        Boolean ending;
        /** The args of an object call (read only when the method came first), else null. */
        JsonNode objectArgs;
        boolean argsSkipped;
        String eventType;
        String publisherId;
        String priority;
        String payloadSummary;
        boolean payloadSkipped;
    }

    MessageSummary summarize(MessageProperties props, byte[] body, String exchange, int maxDecodeBytes) throws IOException {
        if (body == null || body.length == 0 || body.length > maxDecodeBytes || props == null) {
            return null;
        }
        if (props.contentType() == null || !isJson(props.contentType())
                || (props.headers() != null && props.headers().containsKey(OsloKeys.COMPRESSION_HEADER))) {
            return null;
        }
        Fields outer = scan(body);
        if (outer == null) {
            return null;
        }
        Fields msg;
        if (outer.osloVersion != null && outer.hasEnvelopeKeys) {
            if (!outer.hasOsloMessage || !OsloDecoder.envelopeCompatible(outer.osloVersion)) {
                return null;
            }
            msg = outer.inner;
            if (msg == null) {
                return null;
            }
        } else if (outer.hasEnvelopeKeys) {
            return null;
        } else {
            msg = outer;
        }
        Long timeout = null;
        if (props.expiration() != null) {
            try {
                timeout = Long.parseLong(props.expiration().trim());
            } catch (NumberFormatException e) {
                timeout = null;
            }
        }
        int size = body.length;
        if (msg.hasMethod) {
            MessageKind kind = exchange != null && exchange.endsWith(OsloKeys.FANOUT_SUFFIX) ? MessageKind.FANOUT
                    : msg.msgId != null ? MessageKind.CALL : MessageKind.CAST;
            ObjectCall object = null;
            if (ObjectCall.isObjectMethod(msg.method)) {
                if (msg.objectArgs == null && msg.argsSkipped) {
                    return null;
                }
                object = ObjectCall.read(msg.method, msg.objectArgs);
            }
            return new MessageSummary(kind, null, msg.method, msg.msgId, msg.replyQ, msg.version, msg.namespace,
                    msg.uniqueId, timeout, msg.requestId, null, null, null, false, size, null, object, null, null, msg.globalRequestId);
        }
        boolean replyKeys = msg.hasResult || msg.hasFailure || msg.hasEnding;
        if (replyKeys || (msg.msgId != null && !msg.hasEventType)) {
            if (replyKeys && !msg.hasFailure) {
                return null;
            }
            if (msg.failureText != null && !msg.failureText.isEmpty()) {
                JsonNode f;
                try {
                    f = mapper.readTree(msg.failureText);
                } catch (IOException | RuntimeException e) {
                    return null;
                }
                if (f == null || !f.isObject()) {
                    return null;
                }
                return new MessageSummary(MessageKind.FAILURE_REPLY, null, null, msg.msgId, null, null, null,
                        msg.uniqueId, null, msg.requestId, text(f.get(OsloKeys.FAILURE_CLASS)), text(f.get(OsloKeys.FAILURE_MODULE)),
                        text(f.get(OsloKeys.FAILURE_MESSAGE)), false, size, null, null, null, null, msg.globalRequestId);
            }
            MessageKind kind = Boolean.FALSE.equals(msg.ending) && msg.resultNull ? MessageKind.HEARTBEAT
                    : MessageKind.REPLY;
            return new MessageSummary(kind, null, null, msg.msgId, null, null, null, msg.uniqueId, null,
                    msg.requestId, null, null, null, false, size, null, null, null, null, msg.globalRequestId);
        }
        if (msg.hasEventType && msg.hasPublisherOrPriorityOrPayload) {
            if (msg.payloadSkipped) {
                return null;
            }
            return new MessageSummary(MessageKind.NOTIFICATION, null, null, null, null, null, null,
                    msg.uniqueId != null ? msg.uniqueId : msg.messageId, null, msg.requestId, null, null, null,
                    false, size, null, null, null,
                    new NotificationInfo(msg.eventType, msg.publisherId, msg.priority, msg.payloadSummary), msg.globalRequestId);
        }
        return null;
    }

    private static String text(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        return n.isValueNode() ? n.asText() : n.toString();
    }

    private static boolean isJson(String contentType) {
        return contentType.equals("application/json") || contentType.toLowerCase(Locale.ROOT).contains("json");
    }

    /** Scans one object's top-level keys; null when the input is anything the fast path does not handle. */
    private Fields scan(byte[] bytes) throws IOException {
        try (JsonParser p = factory.createParser(bytes)) {
            return scan(p, true);
        }
    }

    private Fields scan(char[] text, int offset, int length) throws IOException {
        try (JsonParser p = factory.createParser(text, offset, length)) {
            return scan(p, false);
        }
    }

    private Fields scan(JsonParser p, boolean top) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        Fields f = new Fields();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case OsloKeys.ENVELOPE_VERSION_KEY -> {
                    f.hasEnvelopeKeys = true;
                    if (v != JsonToken.VALUE_STRING) {
                        return null;
                    }
                    f.osloVersion = p.getText();
                }
                case OsloKeys.ENVELOPE_MESSAGE_KEY -> {
                    f.hasEnvelopeKeys = true;
                    if (v != JsonToken.VALUE_STRING) {
                        return null;
                    }
                    // NOTE(speed): the inner message is scanned in place, from the parser's own buffer of the
                    // unescaped string, before the outer parser moves on; the envelope is judged afterwards.
                    f.hasOsloMessage = true;
                    f.inner = top ? scan(p.getTextCharacters(), p.getTextOffset(), p.getTextLength()) : null;
                }
                case OsloKeys.METHOD -> {
                    if (v == JsonToken.VALUE_NULL) {
                        f.hasMethod = false;
                        f.method = null;
                    } else if (v == JsonToken.VALUE_STRING) {
                        f.hasMethod = true;
                        f.method = p.getText();
                    } else {
                        return null;
                    }
                }
                case OsloKeys.MSG_ID, OsloKeys.REPLY_Q, OsloKeys.VERSION, OsloKeys.NAMESPACE, OsloKeys.UNIQUE_ID, OsloKeys.CONTEXT_REQUEST_ID,
                        OsloKeys.CONTEXT_GLOBAL_REQUEST_ID, OsloKeys.MESSAGE_ID -> {
                    if (v != JsonToken.VALUE_STRING && v != JsonToken.VALUE_NULL) {
                        return null;
                    }
                    String s = v == JsonToken.VALUE_NULL ? null : p.getText();
                    switch (name) {
                        case OsloKeys.MSG_ID -> f.msgId = s;
                        case OsloKeys.REPLY_Q -> f.replyQ = s;
                        case OsloKeys.VERSION -> f.version = s;
                        case OsloKeys.NAMESPACE -> f.namespace = s;
                        case OsloKeys.UNIQUE_ID -> f.uniqueId = s;
                        case OsloKeys.CONTEXT_REQUEST_ID -> f.requestId = s;
                        case OsloKeys.CONTEXT_GLOBAL_REQUEST_ID -> f.globalRequestId = s;
                        default -> f.messageId = s;
                    }
                }
                case OsloKeys.ARGS -> {
                    // NOTE(speed): args are read only for the conductor's object calls (Instance.save, ...).
                    if (f.hasMethod && ObjectCall.isObjectMethod(f.method)) {
                        f.objectArgs = ObjectArgs.read(p, mapper);
                    } else {
                        f.argsSkipped = true;
                        p.skipChildren();
                    }
                }
                case OsloKeys.EVENT_TYPE -> {
                    f.hasEventType = true;
                    if (v == JsonToken.VALUE_STRING) {
                        f.eventType = p.getText();
                    } else if (v != JsonToken.VALUE_NULL) {
                        return null;
                    }
                }
                case OsloKeys.PUBLISHER_ID, OsloKeys.PRIORITY -> {
                    f.hasPublisherOrPriorityOrPayload = true;
                    if (v == JsonToken.VALUE_STRING) {
                        if (name.equals(OsloKeys.PUBLISHER_ID)) {
                            f.publisherId = p.getText();
                        } else {
                            f.priority = p.getText();
                        }
                    } else if (v != JsonToken.VALUE_NULL) {
                        return null;
                    }
                }
                case OsloKeys.PAYLOAD -> {
                    f.hasPublisherOrPriorityOrPayload = true;
                    // NOTE(speed): a payload is read only for a notification (its event_type came first)
                    if (f.hasEventType) {
                        f.payloadSummary = NotificationInfo.summarize(mapper.readTree(p));
                    } else {
                        f.payloadSkipped = true;
                        p.skipChildren();
                    }
                }
                case OsloKeys.RESULT -> {
                    f.hasResult = true;
                    f.resultNull = v == JsonToken.VALUE_NULL;
                    p.skipChildren();
                }
                case OsloKeys.FAILURE -> {
                    f.hasFailure = true;
                    if (v == JsonToken.VALUE_STRING) {
                        f.failureText = p.getText();
                    } else if (v != JsonToken.VALUE_NULL) {
                        return null;
                    } else {
                        f.failureText = null;
                    }
                }
                case OsloKeys.ENDING -> {
                    f.hasEnding = true;
                    if (v == JsonToken.VALUE_TRUE || v == JsonToken.VALUE_FALSE) {
                        f.ending = v == JsonToken.VALUE_TRUE;
                    } else if (v == JsonToken.VALUE_NULL) {
                        f.ending = null;
                    } else {
                        return null;
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
            return null;
        }
        return f;
    }
}
