package io.osloscope.engine.broker.rabbit;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the {@code messageRef} of recent mandatory publishes so a {@code basic.return}, which
 * names no publish, can be tied back to the one it came from: matched by exchange, routing key
 * and body. Bounded (the oldest entries are forgotten); a match that is not found yields 0.
 */
final class MandatoryRefs {
    private static final int CAPACITY = 4096;

    private record Key(String exchange, String routingKey, int bodyHash, int bodyLength) {
    }

    private final Map<Key, Long> refs = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Long> eldest) {
            return size() > CAPACITY;
        }
    };

    void remember(String exchange, String routingKey, byte[] body, long ref) {
        Key k = key(exchange, routingKey, body);
        synchronized (refs) {
            refs.put(k, ref);
        }
    }

    long take(String exchange, String routingKey, byte[] body) {
        Key k = key(exchange, routingKey, body);
        synchronized (refs) {
            Long ref = refs.remove(k);
            return ref == null ? 0 : ref;
        }
    }

    private static Key key(String exchange, String routingKey, byte[] body) {
        return new Key(exchange, routingKey, Arrays.hashCode(body), body == null ? 0 : body.length);
    }
}
