package io.osloscope.engine.observe;

import java.util.Collection;

/**
 * A bounded buffer of events for one consumer. Publishing into a full subscription drops the
 * newest event and counts it; it never blocks the publisher. Drain from any one thread.
 */
public interface EventSubscription extends AutoCloseable {

    /** Moves up to {@code max} buffered events into {@code sink}, oldest first; returns how many. */
    int drainTo(Collection<? super EngineEvent> sink, int max);

    boolean isEmpty();

    /** Events dropped because this subscription was full, since it was opened. */
    long dropped();

    /** Stops receiving; buffered events are discarded. Idempotent. */
    @Override
    void close();
}
