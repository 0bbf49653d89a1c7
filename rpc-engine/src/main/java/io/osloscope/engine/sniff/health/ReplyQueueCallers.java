package io.osloscope.engine.sniff.health;

import io.osloscope.engine.wire.Sender;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who waits on each reply queue, as the traffic tells: the sender of the calls that name it as their
 * {@code _reply_q} (its owning process, {@code service@host:pid} as far as the capture knows it), when a call last
 * named it and when it last delivered a message to its consumer (firehose). Fed by the sniff pipeline, read by
 * {@link ReplyQueueLifelines}; works for recordings, which have no management API. At most {@value #MAX} queues (the
 * least recently used go first). Thread-safe.
 */
public final class ReplyQueueCallers {
    static final int MAX = 10_000;

    /** One reply queue's caller and its last use; {@code lastDelivery} null when no delivery was seen. */
    public record Caller(String queue, Sender owner, String connection, Instant lastCall, Instant lastDelivery) {
        /** The owning process as the lifeline shows it: {@code service@host:pid}, the known parts only. */
        public String ownerLabel() {
            return label(owner);
        }
    }

    private final LinkedHashMap<String, Caller> byQueue = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Caller> eldest) {
            return size() > MAX;
        }
    };

    /**
     * A call published at {@code at} by {@code from} (on {@code connection}, null when unknown) waits for its reply
     * on {@code replyQueue}.
     */
    public synchronized void onCall(String replyQueue, Sender from, String connection, Instant at) {
        if (replyQueue == null) {
            return;
        }
        Caller old = byQueue.get(replyQueue);
        Sender owner = from != null && from.known() ? from : old == null ? null : old.owner();
        byQueue.put(replyQueue, new Caller(replyQueue, owner, connection != null ? connection
                : old == null ? null : old.connection(), at, old == null ? null : old.lastDelivery()));
    }

    /** {@code queue} delivered a message at {@code at}; ignored unless a call named it as its reply queue. */
    public synchronized void onDelivered(String queue, Instant at) {
        Caller old = queue == null ? null : byQueue.get(queue);
        if (old != null) {
            byQueue.put(queue, new Caller(queue, old.owner(), old.connection(), old.lastCall(), at));
        }
    }

    /** The sender of {@code connection}'s calls became known late: their reply queues get it as owner. */
    public synchronized void named(String connection, Sender now) {
        if (now == null || connection == null) {
            return;
        }
        byQueue.replaceAll((q, c) -> connection.equals(c.connection())
                && (c.owner() == null || c.owner().service() == null)
                ? new Caller(q, now, connection, c.lastCall(), c.lastDelivery()) : c);
    }

    public synchronized Caller get(String queue) {
        return byQueue.get(queue);
    }

    /** Every reply queue seen, least recently used first. */
    public synchronized List<Caller> all() {
        return List.copyOf(byQueue.values());
    }

    /** {@code service@host:pid} with the parts known; null when nothing is. */
    public static String label(Sender s) {
        if (s == null || !s.known()) {
            return null;
        }
        String base = s.service() != null && s.host() != null ? s.service() + "@" + s.host()
                : s.service() != null ? s.service() : "?@" + s.host();
        return s.pid() == null ? base : base + ":" + s.pid();
    }
}
