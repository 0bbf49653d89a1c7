package io.osloscope.engine.wire;

import java.time.Instant;
import java.util.Map;

/**
 * AMQP 0-9-1 basic properties. {@code null} means "absent on the wire", which matters: oslo
 * sends {@code headers = {}} (present but empty) and no {@code reply_to} at all.
 * {@code expiration} is a string of milliseconds, as in AMQP.
 */
public record MessageProperties(String contentType, String contentEncoding, Map<String, Object> headers,
                                Integer deliveryMode, Integer priority, String correlationId,
                                String replyTo, String expiration, String messageId, Instant timestamp,
                                String type, String userId, String appId) {

    public static final MessageProperties EMPTY =
            new MessageProperties(null, null, null, null, null, null, null, null, null, null, null, null, null);

    public MessageProperties {
        headers = headers == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
    }

    public MessageProperties withContentType(String v) {
        return new MessageProperties(v, contentEncoding, headers, deliveryMode, priority, correlationId, replyTo,
                expiration, messageId, timestamp, type, userId, appId);
    }

    public MessageProperties withContentEncoding(String v) {
        return new MessageProperties(contentType, v, headers, deliveryMode, priority, correlationId, replyTo,
                expiration, messageId, timestamp, type, userId, appId);
    }

    public MessageProperties withHeaders(Map<String, Object> v) {
        return new MessageProperties(contentType, contentEncoding, v, deliveryMode, priority, correlationId, replyTo,
                expiration, messageId, timestamp, type, userId, appId);
    }

    public MessageProperties withDeliveryMode(Integer v) {
        return new MessageProperties(contentType, contentEncoding, headers, v, priority, correlationId, replyTo,
                expiration, messageId, timestamp, type, userId, appId);
    }

    public MessageProperties withPriority(Integer v) {
        return new MessageProperties(contentType, contentEncoding, headers, deliveryMode, v, correlationId, replyTo,
                expiration, messageId, timestamp, type, userId, appId);
    }

    public MessageProperties withCorrelationId(String v) {
        return new MessageProperties(contentType, contentEncoding, headers, deliveryMode, priority, v, replyTo,
                expiration, messageId, timestamp, type, userId, appId);
    }

    public MessageProperties withReplyTo(String v) {
        return new MessageProperties(contentType, contentEncoding, headers, deliveryMode, priority, correlationId, v,
                expiration, messageId, timestamp, type, userId, appId);
    }

    public MessageProperties withExpiration(String v) {
        return new MessageProperties(contentType, contentEncoding, headers, deliveryMode, priority, correlationId,
                replyTo, v, messageId, timestamp, type, userId, appId);
    }

    public MessageProperties withMessageId(String v) {
        return new MessageProperties(contentType, contentEncoding, headers, deliveryMode, priority, correlationId,
                replyTo, expiration, v, timestamp, type, userId, appId);
    }
}
