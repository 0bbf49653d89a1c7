package io.osloscope.engine.broker.rabbit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.LongString;
import io.osloscope.engine.wire.MessageProperties;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts between the SPI's {@link MessageProperties} and amqp-client's basic properties,
 * keeping "absent" (null) distinct from "present but empty", and turning the client's
 * {@link LongString} header values into plain {@link String}s.
 */
final class RabbitProperties {
    private static final AMQP.BasicProperties EMPTY = new AMQP.BasicProperties();

    private RabbitProperties() {
    }

    static AMQP.BasicProperties toAmqp(MessageProperties p) {
        if (p == null || p == MessageProperties.EMPTY) {
            return EMPTY;
        }
        return new AMQP.BasicProperties(p.contentType(), p.contentEncoding(), p.headers(), p.deliveryMode(),
                p.priority(), p.correlationId(), p.replyTo(), p.expiration(), p.messageId(),
                p.timestamp() == null ? null : Date.from(p.timestamp()), p.type(), p.userId(), p.appId(), null);
    }

    static MessageProperties fromAmqp(AMQP.BasicProperties p) {
        if (p == null) {
            return MessageProperties.EMPTY;
        }
        Map<String, Object> headers = p.getHeaders() == null ? null : plainMap(p.getHeaders());
        return new MessageProperties(p.getContentType(), p.getContentEncoding(), headers, p.getDeliveryMode(),
                p.getPriority(), p.getCorrelationId(), p.getReplyTo(), p.getExpiration(), p.getMessageId(),
                p.getTimestamp() == null ? null : p.getTimestamp().toInstant(), p.getType(), p.getUserId(),
                p.getAppId());
    }

    private static Map<String, Object> plainMap(Map<String, Object> in) {
        Map<String, Object> out = new LinkedHashMap<>(Math.max(4, in.size() * 2));
        in.forEach((k, v) -> out.put(k, plain(v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object plain(Object v) {
        if (v instanceof LongString s) {
            return s.toString();
        }
        if (v instanceof Map<?, ?> m) {
            return plainMap((Map<String, Object>) m);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) {
                out.add(plain(o));
            }
            return out;
        }
        return v;
    }
}
