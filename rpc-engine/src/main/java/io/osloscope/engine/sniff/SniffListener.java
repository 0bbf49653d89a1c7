package io.osloscope.engine.sniff;

import io.osloscope.engine.observe.CaptureEvents.CaptureGap;
import io.osloscope.engine.wire.DecodedMessage;
import io.osloscope.engine.observe.pairing.TrackedCall;

/**
 * Receives the sniffer's output on its processing thread, in order. Implementations must be quick (they
 * hold up decoding); the GUI should drain the {@link io.osloscope.engine.observe.EventHub} instead.
 * Exceptions are caught, counted and otherwise ignored.
 */
public interface SniffListener {
    /** A message was decoded and paired. {@code decoded} is the full view, valid only during the call. */
    void onMessage(SniffedMessage message, DecodedMessage decoded);

    /**
     * False when this listener decodes what it needs itself: then the pipeline builds the full view only for listeners
     * that want it (and passes null here when none does).
     */
    default boolean needsDecoded() {
        return true;
    }

    /** A call passed its expiration without a final reply. */
    default void onTimeout(TrackedCall call) {
    }

    /**
     * The sender of {@code connection}'s earlier messages, which went out unnamed, is now known ({@code from}):
     * the management API listed the connection only after they were captured.
     */
    default void onSenderNamed(java.time.Instant at, String connection, io.osloscope.engine.wire.Sender from) {
    }

    /** Capture was interrupted and has resumed (or stopped, when {@code gap.resumedAt()} is null). */
    default void onGap(CaptureGap gap) {
    }
}
