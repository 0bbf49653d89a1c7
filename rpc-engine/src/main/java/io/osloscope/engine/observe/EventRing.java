package io.osloscope.engine.observe;

import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Lock-free bounded multi-producer, single-consumer ring for one subscription (after D. Vyukov's
 * bounded queue): producers claim a slot with one CAS and never wait; a full ring refuses the
 * event. Holds at most {@code capacity} events. One thread at a time drains.
 */
final class EventRing {
    private final int capacity;
    private final int mask;
    private final AtomicReferenceArray<EngineEvent> slots;
    private final AtomicLongArray sequence;
    private final AtomicLong tail = new AtomicLong();
    private volatile long head;

    EventRing(int capacity) {
        this.capacity = capacity;
        int size = 2;
        while (size < capacity) {
            size <<= 1;
        }
        this.mask = size - 1;
        this.slots = new AtomicReferenceArray<>(size);
        this.sequence = new AtomicLongArray(size);
        for (int i = 0; i < size; i++) {
            sequence.set(i, i);
        }
    }

    boolean offer(EngineEvent e) {
        long pos = tail.get();
        while (true) {
            if (pos - head >= capacity) {
                return false;
            }
            int idx = (int) pos & mask;
            long dif = sequence.get(idx) - pos;
            if (dif == 0) {
                if (tail.compareAndSet(pos, pos + 1)) {
                    slots.lazySet(idx, e);
                    sequence.lazySet(idx, pos + 1);
                    return true;
                }
                pos = tail.get();
            } else if (dif < 0) {
                return false;
            } else {
                pos = tail.get();
            }
        }
    }

    EngineEvent poll() {
        long pos = head;
        int idx = (int) pos & mask;
        if (sequence.get(idx) != pos + 1) {
            return null;
        }
        EngineEvent e = slots.get(idx);
        slots.lazySet(idx, null);
        sequence.lazySet(idx, pos + mask + 1);
        head = pos + 1;
        return e;
    }

    int drainTo(Collection<? super EngineEvent> sink, int max) {
        int n = 0;
        EngineEvent e;
        while (n < max && (e = poll()) != null) {
            sink.add(e);
            n++;
        }
        return n;
    }

    boolean isEmpty() {
        return head >= tail.get();
    }

    void clear() {
        while (poll() != null) {
            // discard
        }
    }
}
