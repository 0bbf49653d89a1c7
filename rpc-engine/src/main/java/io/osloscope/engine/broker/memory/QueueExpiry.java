package io.osloscope.engine.broker.memory;

import io.osloscope.engine.broker.QueueType;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code x-expires} of one queue: deleted once unused (no consumer, and for classic queues no declare) for that
 * long. Measured on RabbitMQ 3.10.8 and 4.0.5: a classic queue counts declares and passive declares as use; a quorum
 * queue counts neither (only consumers keep it), and deletes on its 5 s tick, the first one after the time is up.
 * Guarded by the queue's monitor.
 */
final class QueueExpiry {
    /** RabbitMQ's default {@code quorum_tick_interval}: a quorum queue looks at its expiry this often. */
    static final long QUORUM_TICK_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final MemoryQueue queue;
    private final long expiresNanos;
    private final boolean onTicks;
    private final long created = System.nanoTime();
    private long lastUsed = created;
    private ScheduledFuture<?> timer;

    QueueExpiry(MemoryQueue queue, long expiresMs) {
        this.queue = queue;
        this.expiresNanos = expiresMs > 0 ? TimeUnit.MILLISECONDS.toNanos(expiresMs) : -1;
        this.onTicks = queue.type == QueueType.QUORUM;
    }

    /** Whether a declare of the existing queue counts as use (not for quorum queues). */
    boolean declareCounts() {
        return !onTicks;
    }

    /** Queue lock held: the queue was used now; arms the check. */
    void usedLocked() {
        lastUsed = System.nanoTime();
        if (expiresNanos > 0 && timer == null) {
            timer = queue.broker.schedule(this::check, aligned(expiresNanos));
        }
    }

    private void check() {
        synchronized (queue) {
            timer = null;
            if (queue.isDeleted() || queue.consumerCount() > 0) {
                return;
            }
            long due = lastUsed + expiresNanos - System.nanoTime();
            if (due > 0) {
                timer = queue.broker.schedule(this::check, aligned(due));
                return;
            }
        }
        queue.broker.expireQueue(queue);
    }

    /** The delay, for a quorum queue moved on to its next tick. */
    private long aligned(long delay) {
        if (!onTicks) {
            return delay;
        }
        long sinceCreated = System.nanoTime() + delay - created;
        long ticks = (sinceCreated + QUORUM_TICK_NANOS - 1) / QUORUM_TICK_NANOS;
        return Math.max(0, created + ticks * QUORUM_TICK_NANOS - System.nanoTime());
    }

    /** Queue lock held: the queue is gone. */
    void cancelLocked() {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
