package io.osloscope.engine.broker;

/**
 * Capability: pause, single-step and slow motion for every delivery of a broker, so all consumers share one
 * clock. The in-memory broker offers it ({@code memory://}); RabbitMQ cannot. Ask with
 * {@code broker.capability(DeliveryPacing.class)}. Thread-safe.
 */
public interface DeliveryPacing {
    /** Holds every delivery from now on until {@link #step()} or {@link #resume()}. */
    void pause();

    /** Releases held deliveries (all at once at normal speed, paced when slowed) and lets new ones through. */
    void resume();

    boolean isPaused();

    /** Releases exactly one held delivery; false when none was held. */
    boolean step();

    /** 1.0 is real time, 0.25 four times slower. */
    void setSpeed(double factor);

    double speed();

    /** Deliveries held back right now. */
    int heldCount();
}
