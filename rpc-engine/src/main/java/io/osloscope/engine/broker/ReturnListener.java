package io.osloscope.engine.broker;

/** Receives mandatory messages that could not be routed. Called on a broker thread; must not block. */
@FunctionalInterface
public interface ReturnListener {
    void returned(ReturnedMessage message);
}
