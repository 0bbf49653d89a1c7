package io.osloscope.engine.broker.memory;

import io.osloscope.engine.wire.MessageProperties;
import io.osloscope.engine.observe.MessageSnapshot;

/**
 * A published message as routed: shared by every queue it reached. Immutable. {@code snapshot} is
 * the one captured for the publish event (null when nobody was listening), reused by later events.
 */
record Published(long ref, String exchange, String routingKey, MessageProperties properties, byte[] body,
                 long expirationMs, MessageSnapshot snapshot) {
    MessageSnapshot snapshotForEvent() {
        return snapshot != null ? snapshot : new MessageSnapshot(properties, body, exchange, null);
    }

    int size() {
        return body == null ? 0 : body.length;
    }
}
