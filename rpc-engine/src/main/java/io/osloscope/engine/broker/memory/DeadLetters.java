package io.osloscope.engine.broker.memory;

import io.osloscope.engine.wire.MessageProperties;
import io.osloscope.engine.broker.RabbitVersion;
import io.osloscope.engine.observe.BrokerEvents.DiscardReason;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dead-lettering of one queue ({@code x-dead-letter-exchange}, optional {@code x-dead-letter-routing-key}): a
 * message rejected without requeue, expired, dropped at {@code x-max-length} or past a quorum queue's delivery limit
 * is republished to the exchange with the headers RabbitMQ writes, measured on 3.10.8 and 4.0.5: an {@code x-death}
 * entry per (queue, reason) with its count, newest first; {@code x-first-death-exchange}, {@code -queue} and
 * {@code -reason} once; from 3.13 also {@code x-last-death-*}. A per-message expiration moves into the entry as
 * {@code original-expiration}. The republish runs on a serial actor, in order, outside the queue's lock (RabbitMQ
 * dead-letters asynchronously too). A message that would go round a cycle of deaths none of which was a reject is
 * dropped, as RabbitMQ drops it.
 */
final class DeadLetters {
    private final MemoryQueue queue;
    private final String exchange;
    private final String routingKey;
    private final SerialExecutor out;

    DeadLetters(MemoryQueue queue, String exchange, String routingKey) {
        this.queue = queue;
        this.exchange = exchange;
        this.routingKey = routingKey;
        this.out = new SerialExecutor(queue.broker::execute);
    }

    /** Queue lock may be held: builds the dead-lettered message now and republishes it on the actor. */
    void send(Published p, DiscardReason why) {
        String reason = switch (why) {
            case EXPIRED -> "expired";
            case MAX_LENGTH -> "maxlen";
            case DELIVERY_LIMIT -> "delivery_limit";
            default -> "rejected";
        };
        Date now = new Date(System.currentTimeMillis() / 1000 * 1000);
        MessageProperties props = deadLettered(queue.broker.version, p, queue.name, reason, now);
        if (props == null) {
            return;
        }
        String key = routingKey != null ? routingKey : p.routingKey();
        out.execute(() -> queue.broker.republish(p.ref(), queue.name, reason, exchange, key, props, p.body()));
    }

    /** The properties of the dead-lettered copy, or null when it would go round a cycle without a reject. */
    @SuppressWarnings("unchecked")
    static MessageProperties deadLettered(RabbitVersion version, Published p, String queue, String reason, Date now) {
        MessageProperties props = p.properties();
        Map<String, Object> old = props.headers() == null ? Map.of() : props.headers();
        List<Object> deaths = new ArrayList<>();
        Map<String, Object> previous = null;
        if (old.get("x-death") instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof Map<?, ?> m && previous == null && queue.equals(String.valueOf(m.get("queue")))
                        && reason.equals(String.valueOf(m.get("reason")))) {
                    previous = (Map<String, Object>) m;
                } else {
                    deaths.add(o);
                }
            }
        }
        if (!"rejected".equals(reason) && cycle(l(old.get("x-death")), queue)) {
            return null;
        }
        long count = previous == null ? 1 : ((Number) previous.getOrDefault("count", 0L)).longValue() + 1;
        Map<String, Object> entry = new LinkedHashMap<>();
        boolean v4 = version.atLeast(RabbitVersion.V4_0);
        if (v4 && props.expiration() != null) {
            entry.put("original-expiration", props.expiration());
        }
        entry.put("count", count);
        entry.put("reason", reason);
        entry.put("queue", queue);
        entry.put("time", now);
        entry.put("exchange", p.exchange());
        entry.put("routing-keys", List.of(p.routingKey()));
        if (!v4 && props.expiration() != null) {
            entry.put("original-expiration", props.expiration());
        }
        deaths.add(0, entry);
        Map<String, Object> headers = new LinkedHashMap<>(old);
        headers.remove("x-delivery-count");
        headers.put("x-death", List.copyOf(deaths));
        headers.putIfAbsent("x-first-death-exchange", p.exchange());
        headers.putIfAbsent("x-first-death-queue", queue);
        headers.putIfAbsent("x-first-death-reason", reason);
        if (version.atLeast(RabbitVersion.V3_13)) {
            headers.put("x-last-death-exchange", p.exchange());
            headers.put("x-last-death-queue", queue);
            headers.put("x-last-death-reason", reason);
        }
        return props.withHeaders(headers).withExpiration(null);
    }

    private static List<?> l(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }

    /** The queue died this message before and no death since (newest first, up to that one) was a reject. */
    private static boolean cycle(List<?> deaths, String queue) {
        for (Object o : deaths) {
            if (!(o instanceof Map<?, ?> m)) {
                continue;
            }
            if ("rejected".equals(String.valueOf(m.get("reason")))) {
                return false;
            }
            if (queue.equals(String.valueOf(m.get("queue")))) {
                return true;
            }
        }
        return false;
    }
}
