package io.osloscope.engine.sniff;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link Sniffer}'s losses that happen outside its own buffers, counted so none is silent: what the broker drops
 * from the full capture queue, and firehose tracing switched off behind its back (found and switched back on by
 * {@link VhostTracing}, counted here). What the full capture queue drops (oldest first, {@code x-overflow drop-head})
 * is dead-lettered to a second private queue, which is purged to count it: a purge is no delivery, so it makes no
 * firehose traces of its own (a consumer's deliveries would be traced into the full capture queue, dropped again and
 * counted twice). Thread-safe.
 */
final class CaptureLosses {
    private final AtomicLong brokerDropped = new AtomicLong();
    private final AtomicLong tracingSwitchedOff = new AtomicLong();
    private volatile Channel overflowChannel;
    private volatile String overflowQueue;

    /**
     * Declares the overflow queue on {@code ch} and returns the capture queue's arguments: at most {@code maxLength}
     * messages, the oldest dead-lettered to the overflow queue.
     */
    Map<String, Object> prepare(Connection c, Channel ch, int maxLength) throws IOException {
        String overflow = ch.queueDeclare("", false, true, true, Map.of()).getQueue();
        overflowChannel = c.createChannel();
        overflowQueue = overflow;
        return Map.of("x-max-length", maxLength, "x-overflow", "drop-head", "x-dead-letter-exchange", "",
                "x-dead-letter-routing-key", overflow);
    }

    /** The overflow queue, whose firehose deliveries (there are none: it is only purged) are not oslo's. */
    String overflowQueue() {
        return overflowQueue;
    }

    /** Counts what reached the overflow queue since the last call; returns a problem line, or null. */
    synchronized String countBrokerDrops() {
        Channel ch = overflowChannel;
        String q = overflowQueue;
        if (ch == null || q == null || !ch.isOpen()) {
            return null;
        }
        try {
            brokerDropped.addAndGet(ch.queuePurge(q).getMessageCount());
            return null;
        } catch (IOException | RuntimeException e) {
            return "could not count the capture queue's drops: " + e.getMessage();
        }
    }

    /** The capture connection is gone: count what is left, then forget its queues. */
    synchronized void closed() {
        countBrokerDrops();
        overflowChannel = null;
        overflowQueue = null;
    }

    /** Counts nodes found with firehose tracing switched off behind the sniffer's back ({@link VhostTracing}). */
    void tracingSwitchedOff(int nodes) {
        tracingSwitchedOff.addAndGet(nodes);
    }

    long brokerDropped() {
        return brokerDropped.get();
    }

    long tracingSwitchedOff() {
        return tracingSwitchedOff.get();
    }
}
