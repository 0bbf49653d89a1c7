package io.osloscope.engine.broker;

import io.osloscope.engine.wire.MessageProperties;

/** A mandatory message the broker could not route, handed back as {@code basic.return} (312 NO_ROUTE). */
public record ReturnedMessage(int replyCode, String replyText, String exchange, String routingKey,
                              MessageProperties properties, byte[] body) {
}
