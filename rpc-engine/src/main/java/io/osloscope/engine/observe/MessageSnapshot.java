package io.osloscope.engine.observe;

import io.osloscope.engine.broker.MessageProperties;

/**
 * A message as it was at one moment: properties and body, captured once. The body array is
 * shared, never copied again and never modified.
 */
public record MessageSnapshot(MessageProperties properties, byte[] body) {
    public int size() {
        return body == null ? 0 : body.length;
    }
}
