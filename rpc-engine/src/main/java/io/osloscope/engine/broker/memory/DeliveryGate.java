package io.osloscope.engine.broker.memory;

import java.util.ArrayDeque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Pause, single-step and slow motion for every delivery of one {@link InMemoryBroker}, so all
 * consumers (all simulated nodes) share one clock. Open by default: deliveries pass straight through.
 *
 * <p>While paused or slowed, deliveries the queues have assigned to consumers are held here in
 * one global FIFO (they count against the consumer's prefetch and show as unacknowledged);
 * {@link #step()} releases exactly one, {@link #resume()} releases all in order, and at a
 * {@linkplain #setSpeed speed} {@code f < 1} one is released every {@code gateStepInterval / f}
 * (see {@link Limits}). Per-consumer order is kept. Thread-safe; callable from any thread.
 */
public final class DeliveryGate implements io.osloscope.engine.broker.DeliveryPacing {
    private final InMemoryBroker broker;
    private final Object lock = new Object();
    private final ReentrantLock releasing = new ReentrantLock();
    private final ArrayDeque<MemoryDelivery> held = new ArrayDeque<>();
    private volatile boolean engaged;
    private boolean paused;
    private double speed = 1.0;
    private ScheduledFuture<?> pacer;

    DeliveryGate(InMemoryBroker broker) {
        this.broker = broker;
    }

    /** Called with the queue's lock held: passes the delivery on, or holds it. */
    void pass(MemoryConsumer c, MemoryDelivery d) {
        if (!engaged) {
            c.offer(d);
            return;
        }
        synchronized (lock) {
            if (engaged) {
                held.addLast(d);
                return;
            }
        }
        c.offer(d);
    }

    /** Holds every delivery from now on until {@link #step()} or {@link #resume()}. */
    public void pause() {
        synchronized (lock) {
            paused = true;
            engaged = true;
        }
    }

    /** Releases held deliveries (all at once at normal speed, paced when slowed) and lets new ones through. */
    public void resume() {
        synchronized (lock) {
            paused = false;
        }
        reconfigure();
    }

    public boolean isPaused() {
        synchronized (lock) {
            return paused;
        }
    }

    /** Releases exactly one held delivery (the oldest); returns false when none was held. */
    public boolean step() {
        return releaseOne();
    }

    /**
     * Sets the speed factor: 1.0 (or more) is normal, below 1 spaces deliveries out, e.g. 0.25
     * releases one delivery every 4 × the gate step interval (200 ms by default).
     *
     * @throws IllegalArgumentException for a factor that is not a positive finite number
     */
    public void setSpeed(double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("speed factor must be a positive number, got " + factor);
        }
        synchronized (lock) {
            speed = factor;
        }
        reconfigure();
    }

    public double speed() {
        synchronized (lock) {
            return speed;
        }
    }

    /** How many deliveries are waiting in the gate. */
    public int heldCount() {
        synchronized (lock) {
            return held.size();
        }
    }

    private void reconfigure() {
        boolean flush;
        synchronized (lock) {
            boolean slow = speed < 1.0;
            if (pacer != null && (!slow || paused)) {
                pacer.cancel(false);
                pacer = null;
            }
            if (slow) {
                engaged = true;
                if (!paused && pacer == null) {
                    long interval = (long) (broker.limits.gateStepInterval().toNanos() / speed);
                    pacer = broker.scheduleAtFixedRate(this::paced, interval);
                }
            }
            flush = !paused && !slow;
        }
        if (flush) {
            releaseAll();
        }
    }

    private void paced() {
        synchronized (lock) {
            if (paused) {
                return;
            }
        }
        releaseOne();
    }

    private boolean releaseOne() {
        releasing.lock();
        try {
            MemoryDelivery d;
            synchronized (lock) {
                d = held.pollFirst();
            }
            if (d == null) {
                return false;
            }
            d.consumer.offer(d);
            return true;
        } finally {
            releasing.unlock();
        }
    }

    private void releaseAll() {
        releasing.lock();
        try {
            while (true) {
                MemoryDelivery d;
                synchronized (lock) {
                    d = held.pollFirst();
                    if (d == null) {
                        if (!paused && speed >= 1.0) {
                            engaged = false;
                        }
                        return;
                    }
                }
                d.consumer.offer(d);
            }
        } finally {
            releasing.unlock();
        }
    }

    /** The spacing between released deliveries at the current speed; 0 at normal speed. */
    public long currentIntervalMillis() {
        synchronized (lock) {
            return speed >= 1.0 ? 0 : (long) (broker.limits.gateStepInterval().toMillis() / speed);
        }
    }
}
