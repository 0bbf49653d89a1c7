package io.osloscope.engine.sniff;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The bounded history of sniffed messages: a ring of at most {@code capacity} entries; the oldest go
 * first and are counted in {@link #evicted()}. One writer (the sniffer's processing thread), any number
 * of readers; every read returns a copy.
 */
public final class CaptureStore {
    private final SniffedMessage[] ring;
    private int head;
    private int size;
    private long evicted;
    private long bytes;

    public CaptureStore(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be > 0, got " + capacity);
        }
        ring = new SniffedMessage[capacity];
    }

    public synchronized void add(SniffedMessage m) {
        int capacity = ring.length;
        int slot = (head + size) % capacity;
        if (size == capacity) {
            bytes -= ring[head].size();
            ring[head] = m;
            head = (head + 1) % capacity;
            evicted++;
        } else {
            ring[slot] = m;
            size++;
        }
        bytes += m.size();
    }

    public synchronized int size() {
        return size;
    }

    public int capacity() {
        return ring.length;
    }

    /** Messages pushed out by newer ones since the store was created. */
    public synchronized long evicted() {
        return evicted;
    }

    /** Sum of the retained bodies' sizes. */
    public synchronized long retainedBodyBytes() {
        return bytes;
    }

    /** Every retained message, oldest first. */
    public synchronized List<SniffedMessage> snapshot() {
        return select(m -> true, Integer.MAX_VALUE);
    }

    /** Up to {@code max} retained messages with {@code seq > afterSeq}, oldest first. */
    public synchronized List<SniffedMessage> since(long afterSeq, int max) {
        List<SniffedMessage> out = new ArrayList<>();
        for (int i = 0; i < size && out.size() < max; i++) {
            SniffedMessage m = ring[(head + i) % ring.length];
            if (m.seq() > afterSeq) {
                out.add(m);
            }
        }
        return out;
    }

    /** Up to {@code max} retained messages matching {@code filter}, oldest first. */
    public synchronized List<SniffedMessage> select(Predicate<SniffedMessage> filter, int max) {
        List<SniffedMessage> out = new ArrayList<>(Math.min(size, 1024));
        for (int i = 0; i < size && out.size() < max; i++) {
            SniffedMessage m = ring[(head + i) % ring.length];
            if (filter.test(m)) {
                out.add(m);
            }
        }
        return out;
    }

    public synchronized void clear() {
        java.util.Arrays.fill(ring, null);
        head = 0;
        size = 0;
        bytes = 0;
    }
}
