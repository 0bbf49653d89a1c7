package io.osloscope.engine.broker.memory;

import io.osloscope.engine.broker.ConsumeOptions;
import io.osloscope.engine.broker.QueueSpec;
import io.osloscope.engine.broker.QueueType;
import io.osloscope.engine.broker.TopologySnapshot;
import io.osloscope.engine.broker.RabbitVersion;
import io.osloscope.engine.observe.BrokerEvents.DiscardReason;
import io.osloscope.engine.observe.BrokerEvents.MessageDiscarded;
import io.osloscope.engine.observe.BrokerEvents.StreamTruncated;
import io.osloscope.engine.observe.BrokerEvents.Settlement;
import io.osloscope.engine.observe.BrokerEvents.StreamAppended;
import io.osloscope.engine.observe.BrokerEvents.StreamRead;
import io.osloscope.engine.observe.EngineEvent;
import io.osloscope.engine.observe.EventHub;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A stream queue ({@code x-queue-type: stream}): an append-only log read without removing. Each message gets the
 * next offset (0, 1, ...) and every delivery carries it as the {@code x-stream-offset} header (a long). Each
 * consumer reads from its own position, chosen by {@code x-stream-offset} when it starts (see
 * {@link StreamOffset}), with manual acks and a prefetch, both required: an ack only returns credit (and so is
 * not an event). Appends are {@code StreamAppended} events, reads {@code StreamRead} (with the offset).
 *
 * <p>Simplified against RabbitMQ (which stores the log in chunks and segments on disk):
 * <ul>
 * <li>Every message is its own chunk, so {@code "last"} starts at the newest message. RabbitMQ starts at the
 *     first message of the last chunk, which holds every message of one burst of publishes: a server
 *     restarting from {@code "last"} gets the newest fanout again on both, older ones of its burst only there.</li>
 * <li>Retention ({@code x-max-age}, {@code x-max-length-bytes}, and the broker's per-queue memory bound) drops
 *     whole segments from the head, never the open one, as RabbitMQ does, but only when a message is appended or a
 *     consumer starts (RabbitMQ also on a timer). A segment holds {@code x-stream-max-segment-size-bytes} of
 *     bodies; the default here is 1 MiB, not RabbitMQ's 500 MB, so the memory bound can act. A dropped segment is
 *     one {@code StreamTruncated} event.</li>
 * <li>A declare's message count is the number of messages held, at once. RabbitMQ's figure lags: 0 right after
 *     publishing, the real count 1.5 s (3.10.8) to 4.5 s (4.0.5) later. Its consumer count is 0, as on both, even
 *     with consumers attached (the topology snapshot counts them).</li>
 * </ul>
 * Guarded by this object's monitor, like {@link MemoryQueue}, whose FIFO state a stream leaves empty.
 */
final class MemoryStream extends MemoryQueue {
    private final RabbitVersion rules;
    private final long maxAgeMs;
    private final long segmentBytes;
    private final ArrayDeque<Segment> segments = new ArrayDeque<>();
    private final List<Reader> readers = new ArrayList<>(4);
    private final Map<MemoryConsumer, Reader> byConsumer = new HashMap<>();
    private Published[] log = new Published[64];
    private long[] stamps = new long[64];
    private int head;
    private int size;
    /** Offset of the oldest message held; {@code first + size} is the next offset. */
    private long first;
    private long bytes;
    private boolean gone;

    MemoryStream(InMemoryBroker broker, String name, QueueSpec spec, QueueArgs args, Map<String, Object> arguments,
                 RabbitVersion rules) {
        super(broker, name, spec, null, args, QueueType.STREAM, arguments);
        this.rules = rules;
        this.maxAgeMs = StreamRetention.maxAgeMs(name, spec.arguments().get("x-max-age"));
        this.segmentBytes = StreamRetention.segmentBytes(spec.arguments().get("x-stream-max-segment-size-bytes"));
    }

    // ---- appending ------------------------------------------------------------------------------

    @Override
    void enqueue(Published p) {
        EventHub hub = broker.hub;
        long now = System.currentTimeMillis();
        long offset;
        long length;
        synchronized (this) {
            if (gone) {
                return;
            }
            offset = first + size;
            Published stored = StreamRetention.withOffset(p, offset);
            if (size == log.length) {
                grow();
            }
            int slot = (head + size) % log.length;
            log[slot] = stored;
            stamps[slot] = now;
            size++;
            bytes += p.size();
            fillSegmentLocked(offset, p.size(), now);
            retainLocked(now);
            length = size;
            for (int i = 0; i < readers.size(); i++) {
                dispatchLocked(readers.get(i));
            }
        }
        if (hub.hasSubscribers()) {
            // NOTE(order): built after the lock, so a reader's StreamRead may take a lower seq than this append
            hub.publish(new StreamAppended(hub.nextSeq(), Instant.now(), p.ref(), name, offset, length));
        }
    }

    private void grow() {
        Published[] l = new Published[log.length * 2];
        long[] s = new long[l.length];
        for (int i = 0; i < size; i++) {
            l[i] = log[(head + i) % log.length];
            s[i] = stamps[(head + i) % log.length];
        }
        log = l;
        stamps = s;
        head = 0;
    }

    /** Puts the appended message's bytes into the open segment, or opens the next one when that one is full. */
    private void fillSegmentLocked(long offset, int size, long nowMs) {
        Segment open = segments.peekLast();
        if (open == null || open.bytes >= segmentBytes) {
            open = new Segment(offset);
            segments.addLast(open);
        }
        open.bytes += size;
        open.lastStampMs = nowMs;
    }

    /**
     * Drops whole segments from the head while x-max-length-bytes (or the broker's memory bound) is exceeded or the
     * oldest segment's newest message is older than x-max-age; never the open segment, as RabbitMQ.
     */
    private void retainLocked(long nowMs) {
        long bound = limits.maxLengthBytes() >= 0 ? Math.min(limits.maxLengthBytes(), broker.limits.maxQueueBytes())
                : broker.limits.maxQueueBytes();
        while (segments.size() > 1) {
            Segment oldest = segments.peekFirst();
            DiscardReason why = bytes > bound ? DiscardReason.MAX_LENGTH
                    : maxAgeMs >= 0 && nowMs - oldest.lastStampMs > maxAgeMs ? DiscardReason.EXPIRED : null;
            if (why == null) {
                return;
            }
            segments.pollFirst();
            long to = segments.peekFirst().firstOffset;
            for (long o = first; o < to; o++) {
                log[head] = null;
                head = (head + 1) % log.length;
            }
            size -= (int) (to - first);
            bytes -= oldest.bytes;
            EventHub hub = broker.hub;
            if (hub.hasSubscribers()) {
                hub.publish(new StreamTruncated(hub.nextSeq(), Instant.now(), name, first, to, oldest.bytes, why));
            }
            first = to;
        }
    }

    // ---- reading --------------------------------------------------------------------------------

    @Override
    synchronized void addConsumer(MemoryConsumer c, ConsumeOptions o) {
        if (gone) {
            throw AmqpErrors.noQueue(name);
        }
        if (o.prefetch() == 0) {
            throw StreamErrors.prefetchNotSet(name, rules);
        }
        if (o.autoAck()) {
            throw StreamErrors.autoAckNotSupported(name, rules);
        }
        StreamOffset from = StreamOffset.parse(o.arguments().get(StreamOffset.ARGUMENT), name, rules);
        retainLocked(System.currentTimeMillis());
        Reader r = new Reader(c, startOf(from));
        readers.add(r);
        byConsumer.put(c, r);
        dispatchLocked(r);
    }

    private long startOf(StreamOffset from) {
        long end = first + size;
        return switch (from.kind()) {
            case FIRST -> first;
            case LAST -> size == 0 ? end : end - 1;
            case NEXT -> end;
            case OFFSET -> Math.max(first, from.value());
            case TIMESTAMP_MS -> {
                for (int i = 0; i < size; i++) {
                    if (stamps[(head + i) % log.length] >= from.value()) {
                        yield first + i;
                    }
                }
                yield end;
            }
        };
    }

    /** Hands the reader what it may take: the messages after its position, as far as its prefetch allows. */
    private void dispatchLocked(Reader r) {
        MemoryConsumer c = r.consumer;
        while (r.next < first + size && c.hasCredit()) {
            if (r.next < first) {
                r.next = first;
            }
            long offset = r.next++;
            Published p = log[(int) ((head + (offset - first)) % log.length)];
            broker.gate.pass(c, c.assign(new QueuedMessage(p, offset, Long.MAX_VALUE)));
        }
    }

    /** A stream read is reported with its offset, as {@link StreamRead} (built on the consumer's thread). */
    @Override
    EngineEvent deliveredEvent(EventHub hub, MemoryDelivery d, Instant now) {
        Published p = d.queued.message();
        return new StreamRead(hub.nextSeq(), now, p.ref(), name, d.consumer.tag, d.consumer.connection.name(),
                d.deliveryTag, d.queued.seq(), p.exchange(), p.routingKey(), p.snapshotForEvent());
    }

    @Override
    void settle(MemoryDelivery d, Settlement how, boolean requeue) {
        if (how != Settlement.ACK && !rules.atLeast(RabbitVersion.V4_0)) {
            d.consumer.connection.closeByBroker(StreamErrors.nackNotSupported(name));
            return;
        }
        MemoryConsumer c = d.consumer;
        synchronized (this) {
            if (c.unacked.remove(d.deliveryTag) == null) {
                return;
            }
            c.inflight--;
            Reader r = byConsumer.get(c);
            if (r != null) {
                dispatchLocked(r);
            }
        }
    }

    @Override
    synchronized void ackMultiple(MemoryDelivery d) {
        MemoryConsumer c = d.consumer;
        if (!c.unacked.containsKey(d.deliveryTag)) {
            return;
        }
        Iterator<MemoryDelivery> it = c.unacked.values().iterator();
        while (it.hasNext()) {
            MemoryDelivery u = it.next();
            if (u.deliveryTag > d.deliveryTag) {
                break;
            }
            it.remove();
            c.inflight--;
        }
        Reader r = byConsumer.get(c);
        if (r != null) {
            dispatchLocked(r);
        }
    }

    @Override
    synchronized void returnUndelivered(MemoryDelivery d) {
        if (d.consumer.unacked.remove(d.deliveryTag) != null) {
            d.consumer.inflight--;
        }
    }

    @Override
    synchronized void requeueUnacked(MemoryConsumer c) {
        c.inflight -= c.unacked.size();
        c.unacked.clear();
    }

    @Override
    boolean removeConsumer(MemoryConsumer c) {
        synchronized (this) {
            Reader r = byConsumer.remove(c);
            if (r == null) {
                return false;
            }
            readers.remove(r);
            c.cancelled = true;
            c.mailbox.removeIf(o -> o instanceof MemoryDelivery);
            requeueUnacked(c);
            return false;
        }
    }

    @Override
    MemoryDelivery get(MemoryConsumer getter, boolean autoAck) {
        throw StreamErrors.getNotSupported(name);
    }

    @Override
    int purge() {
        throw StreamErrors.purgeNotSupported(name);
    }

    // ---- counts and deletion --------------------------------------------------------------------

    @Override
    synchronized int ready() {
        return size;
    }

    @Override
    synchronized int unackedCount() {
        int n = 0;
        for (Reader r : readers) {
            n += r.consumer.unacked.size();
        }
        return n;
    }

    @Override
    synchronized int consumerCount() {
        return readers.size();
    }

    /** RabbitMQ 3.10 and 4.0 answer 0 for a stream, consumers attached or not. */
    @Override
    int reportedConsumers() {
        return 0;
    }

    @Override
    synchronized boolean isDeleted() {
        return gone;
    }

    @Override
    synchronized TopologySnapshot.StreamView streamView() {
        return new TopologySnapshot.StreamView(size, bytes, first, first + size - 1);
    }

    @Override
    synchronized int markDeleted(List<MemoryConsumer> cancelledOut) {
        if (gone) {
            return 0;
        }
        gone = true;
        int count = size;
        EventHub hub = broker.hub;
        for (int i = 0; i < size; i++) {
            if (hub.hasSubscribers()) {
                hub.publish(new MessageDiscarded(hub.nextSeq(), Instant.now(), log[(head + i) % log.length].ref(), name,
                        DiscardReason.QUEUE_DELETED));
            }
        }
        log = new Published[0];
        segments.clear();
        size = 0;
        bytes = 0;
        for (Reader r : readers) {
            r.consumer.cancelled = true;
            cancelledOut.add(r.consumer);
        }
        readers.clear();
        byConsumer.clear();
        return count;
    }

    /** A run of consecutive messages retention drops together. */
    private static final class Segment {
        final long firstOffset;
        long bytes;
        long lastStampMs;

        Segment(long firstOffset) {
            this.firstOffset = firstOffset;
        }
    }

    /** One consumer's position: the offset it reads next. */
    private static final class Reader {
        final MemoryConsumer consumer;
        long next;

        Reader(MemoryConsumer consumer, long next) {
            this.consumer = consumer;
            this.next = next;
        }
    }
}
