package io.osloscope.engine.broker;

import java.time.Duration;

/**
 * Capability: faults injected between one client and its broker, switchable while running: down (stop
 * consuming, so messages pile up in the queues), added latency, dropped replies. Offered by fault-injecting
 * decorators (the simulated services give each node one); ask with {@code broker.capability(FaultControl.class)}.
 * Thread-safe.
 */
public interface FaultControl {
    boolean down();

    /** @return this */
    FaultControl setDown(boolean down);

    Duration latency();

    FaultControl setLatency(Duration latency);

    boolean dropReplies();

    FaultControl setDropReplies(boolean drop);

    /** Back to healthy, down included. */
    FaultControl clear();

    /** One line, e.g. {@code up} or {@code down, slow 500ms}. */
    String describe();
}
