package io.osloscope.engine.observe;

import java.time.Instant;

/** Service and listener observations: simulated nodes going up, down or faulty; handler failures. */
public final class NodeEvents {
    private NodeEvents() {
    }

    /** A service node ({@code binary} on {@code host}) changed state, e.g. "up", "down", "slow 500ms". */
    public record NodeStateChanged(long seq, Instant at, String binary, String host, String state)
            implements EngineEvent {
    }

    /** A handler, endpoint or listener threw; the engine thread survived. */
    public record ListenerFailed(long seq, Instant at, String where, String errorClass, String message)
            implements EngineEvent {
    }
}
