package io.osloscope.engine.broker.memory;

import io.osloscope.engine.broker.MessageProperties;

/** A published message as routed: shared by every queue it reached. Immutable. */
record Published(long ref, String exchange, String routingKey, MessageProperties properties, byte[] body,
                 long expirationMs) {
    int size() {
        return body == null ? 0 : body.length;
    }
}
