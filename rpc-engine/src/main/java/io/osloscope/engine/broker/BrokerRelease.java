package io.osloscope.engine.broker;

/**
 * A broker that follows one RabbitMQ release's rules (the in-memory broker), asked for with
 * {@code broker.capability(BrokerRelease.class)}: which release, and, where the broker can be replaced while its
 * users run (the window's migration rehearsal), a restart as another release.
 */
public interface BrokerRelease {
    /** The release whose rules the broker follows now. */
    RabbitVersion version();

    /** True when {@link #restartAs} can switch the release. */
    default boolean switchable() {
        return false;
    }

    /**
     * Replaces the broker by a fresh one following {@code release}, as an operator would redeploy RabbitMQ: every
     * connection is closed, and the queues and exchanges with their messages are gone (deleted first, so whoever
     * watches the events sees them go); the event stream stays the same. Users reconnect and declare again.
     *
     * @throws UnsupportedOperationException when the broker is not {@link #switchable()}
     */
    default void restartAs(RabbitVersion release) {
        throw new UnsupportedOperationException("this broker follows RabbitMQ " + version()
                + " for its lifetime");
    }
}
